//! The template library: every kind of message, its channels, and 2–3 phrasings each.
//! Merge fields are written `{field}`; see [`super::fill::FIELDS`].

use crate::choice;

choice! {
    /// What a message is for.
    pub enum TemplateKind {
        Reconnect => ("reconnect", "Reconnect with a warm tie"),
        InfoRequest => ("info_request", "Informational-interview request"),
        ConnectionNote => ("connection_note", "LinkedIn connection note"),
        ThankYou => ("thank_you", "Thank-you after a conversation"),
        FollowUp => ("follow_up", "Follow-up nudge (the 7 of 3B7)"),
        ShareResource => ("share_resource", "Give first: share a resource"),
        Congratulate => ("congratulate", "Give first: congratulate them"),
        OfferIntro => ("offer_intro", "Give first: offer an introduction"),
        DoubleOptIn => ("double_opt_in", "Double opt-in introduction"),
        Update => ("update", "Update after acting on their advice"),
        Referral => ("referral", "Referral request"),
    }
}

choice! {
    /// Where a message goes.
    pub enum MessageChannel {
        Email => ("email", "Email"),
        LinkedinMessage => ("linkedin_message", "LinkedIn message"),
        ConnectionNote => ("connection_note", "LinkedIn connection note"),
    }
}

impl TemplateKind {
    /// The channels this template fits, the first being the default.
    pub fn channels(self) -> &'static [MessageChannel] {
        match self {
            TemplateKind::ConnectionNote => &[MessageChannel::ConnectionNote],
            TemplateKind::InfoRequest | TemplateKind::Referral | TemplateKind::DoubleOptIn => {
                &[MessageChannel::Email, MessageChannel::LinkedinMessage]
            }
            _ => &[MessageChannel::Email, MessageChannel::LinkedinMessage],
        }
    }

    /// Gives never carry an ask.
    pub fn is_give(self) -> bool {
        matches!(self, TemplateKind::ShareResource | TemplateKind::Congratulate | TemplateKind::OfferIntro)
    }

    /// Requests must state the connection first and ask a question.
    pub fn is_request(self) -> bool {
        matches!(self, TemplateKind::InfoRequest | TemplateKind::Referral | TemplateKind::ConnectionNote)
    }
}

/// One phrasing: a subject (emails only) and a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrasing {
    pub name: String,
    pub subject: String,
    pub body: String,
}

fn p(name: &str, subject: &str, body: &str) -> Phrasing {
    Phrasing { name: name.into(), subject: subject.into(), body: body.into() }
}

/// The built-in phrasings of a template.
pub fn phrasings(kind: TemplateKind) -> Vec<Phrasing> {
    match kind {
        TemplateKind::Reconnect => vec![
            p("Shared history", "It's been a while, {first_name}", "Hi {first_name},\n\n{how_we_know} — I was thinking of you recently. How are things at {company}? I'd love to hear what you're working on these days and how the {role} role is treating you.\n\nBest,\n{my_name}"),
            p("Saw your news", "Catching up", "Hi {first_name},\n\n{how_we_know}, and it's been too long since we caught up. I saw that you're now at {company}: congratulations! What has surprised you most so far?\n\nWarmly,\n{my_name}"),
        ],
        TemplateKind::InfoRequest => vec![
            p("The 6-Point Email", "Your experience at {company}", "Hi {first_name},\n\n{how_we_know}. Your path to {role} at {company} caught my eye. I'm exploring {target_narrow}, and more broadly {target_broad}. Would you be open to a 20-minute chat so I can learn from your experience? I'd value your insight and advice.\n\nThank you,\n{my_name}"),
            p("Short and warm", "Quick question about {company}", "Dear {first_name},\n\n{how_we_know}. I admire your work as {role} at {company}. I'm learning about {target_narrow} (and {target_broad} generally). Could you spare 15–20 minutes for your advice on how you got there?\n\nBest,\n{my_name}"),
        ],
        TemplateKind::ConnectionNote => vec![
            p("Shared ground", "", "Hi {first_name},\n{how_we_know}. I'm exploring {target_narrow} and would value your perspective. Would you connect?"),
            p("Admire your work", "", "Hi {first_name},\n{how_we_know}. I enjoyed your work at {company}. May I connect and follow your insights?"),
        ],
        TemplateKind::ThankYou => vec![
            p("Named advice", "Thank you, {first_name}", "Hi {first_name},\n\nThank you for your time today. Your advice to {advice} was especially useful, and I'm acting on it this week. I'll let you know how it goes.\n\nWith thanks,\n{my_name}"),
            p("Brief", "Thanks for the conversation", "Dear {first_name},\n\nThank you again for your time and your candour. Your advice to {advice} was just what I needed. I hope your week at {company} goes well.\n\nBest,\n{my_name}"),
        ],
        TemplateKind::FollowUp => vec![
            p("Gentle nudge", "Re: Your experience at {company}", "Hi {first_name},\n\nI know your inbox is busy, so I'm bringing my note back to the top. If you have 15–20 minutes in the coming weeks, I'd still value your advice on {target_narrow}. Would that work for you?\n\nThanks,\n{my_name}"),
            p("Easy out", "Following up", "Dear {first_name},\n\nI know your time is precious, so this is a gentle follow-up on my earlier note. If now isn't a good time for you, no problem at all. Would a short call later this month suit you?\n\nBest,\n{my_name}"),
        ],
        TemplateKind::ShareResource => vec![
            p("Thought of you", "Thought you'd like this", "Hi {first_name},\n\nThis reminded me of you and your work, and of what we last talked about ({last_topic}): [link]. No need to reply; I hope you find it useful for your team.\n\nBest,\n{my_name}"),
            p("Following our chat", "Something for your {role} work", "Hi {first_name},\n\nSince our conversation ({last_topic}), I found a piece that you might enjoy, given your work at {company}: [link].\n\nAll the best,\n{my_name}"),
        ],
        TemplateKind::Congratulate => vec![
            p("New role", "Congratulations, {first_name}!", "Hi {first_name},\n\nCongratulations on your role as {role} at {company}! You'll be great at it. Wishing you a wonderful start.\n\nBest,\n{my_name}"),
            p("Your talk or post", "Loved your post", "Hi {first_name},\n\nYour recent piece on [topic] was excellent. Your point about [their point] stays with you long after reading. Congratulations on putting your thinking out there.\n\nWarmly,\n{my_name}"),
            p("Anniversary", "Happy work anniversary", "Hi {first_name},\n\nHappy work anniversary at {company}! It's great to see how much you've built there.\n\nBest,\n{my_name}"),
        ],
        TemplateKind::OfferIntro => vec![
            p("Someone to meet", "An introduction, if useful", "Hi {first_name},\n\nI know someone working on {last_topic} who I think you'd enjoy meeting. If you're open to it, I'm happy to introduce you both — only if it's useful to you.\n\nBest,\n{my_name}"),
            p("Offer to help", "Happy to connect you", "Hi {first_name},\n\nIf it would help your work at {company}, I'd be glad to introduce you to people I know in {target_broad}. Just say the word.\n\nAll the best,\n{my_name}"),
        ],
        TemplateKind::DoubleOptIn => vec![
            p("Asking {first_name} first", "Would an introduction help?", "Hi {first_name},\n\nI know someone I think you'd enjoy meeting, {other_name}. Before I connect you, would you be open to an introduction? No pressure either way.\n\nBest,\n{my_name}"),
            p("Introducing both", "Introduction: {first_name} and {other_name}", "Hi {first_name} and {other_name},\n\nAs promised, I'm introducing you both — you each said you'd welcome it. {first_name} works at {company} as {role}; {other_name}, I'll let you say a word about yourself. I'll step back and let you take it from here.\n\nBest,\n{my_name}"),
        ],
        TemplateKind::Update => vec![
            p("Acted on your advice", "An update, thanks to you", "Hi {first_name},\n\nA few weeks ago you advised me to {advice}. I did, and it has already helped: [what happened]. Thank you again — your advice made a real difference.\n\nBest,\n{my_name}"),
            p("Progress report", "Following your advice", "Dear {first_name},\n\nI wanted to let you know I followed your advice to {advice}. Here's where it led: [what happened]. I'm grateful for your time.\n\nWarmly,\n{my_name}"),
        ],
        TemplateKind::Referral => vec![
            p("Warm ask", "A question about a role at {company}", "Hi {first_name},\n\n{how_we_know}, and your advice has always helped. There's an opening for [role] at {company}, and you know the team far better than anyone. Would you feel comfortable referring me, if you think it's a fit? You can say no, of course; if you'd like, you'll get a short summary to make it easy for you.\n\nThank you,\n{my_name}"),
            p("Easy to say no", "Referral at {company}?", "Dear {first_name},\n\n{how_we_know}. There's a role at {company} that you'd know well: [role]. If you know my work well enough, would you be willing to refer me? It's completely fine if not; you know best whether it fits.\n\nBest,\n{my_name}"),
        ],
    }
}
