//! Text folding for search and matching: case and common diacritics.
//!
//! Hand-written rather than `unicode-normalization` + stripping marks: that crate's tables
//! would cost more wasm than the whole of this table, and search only needs the Latin
//! letters people type without accents. Letters outside the table are only lower-cased.

/// Lower-cases and strips diacritics from Latin letters: "José Łukasz" → "jose lukasz".
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(&mut out, text);
    out
}

/// [`fold`], appended to `out`. ASCII, nearly all of what people type, takes a fast path:
/// the search index folds every note of the network (about 10 MB for 5,000 people).
pub fn fold_into(out: &mut String, text: &str) {
    let mut rest = text;
    while !rest.is_empty() {
        // A run of ASCII is copied whole and lower-cased in place.
        let run = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        let (ascii, tail) = rest.split_at(run);
        let start = out.len();
        out.push_str(ascii);
        if let Some(copied) = out.get_mut(start..) {
            copied.make_ascii_lowercase();
        }
        let mut chars = tail.chars();
        let Some(c) = chars.next() else { break };
        for lower in c.to_lowercase() {
            match fold_char(lower) {
                Some(s) => out.push_str(s),
                None => out.push(lower),
            }
        }
        rest = chars.as_str();
    }
}

fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'þ' => "th",
        _ => return None,
    })
}

/// True when every whitespace-separated word of `query` occurs in `haystack`
/// (both already folded). An empty query matches everything.
pub fn matches_all_words(haystack: &str, folded_query: &str) -> bool {
    folded_query.split_whitespace().all(|word| haystack.contains(word))
}

/// [`matches_all_words`] for one query over many haystacks: each word's searcher is built
/// once (memchr's `memmem`, which looks for the word's rarest byte first), not once per
/// haystack as `str::contains` does. The network list's search runs this over every
/// person's text at each keystroke (issue 19).
pub struct WordMatcher {
    words: Vec<memchr::memmem::Finder<'static>>,
}

impl WordMatcher {
    pub fn new(folded_query: &str) -> WordMatcher {
        WordMatcher {
            words: folded_query
                .split_whitespace()
                .map(|w| memchr::memmem::Finder::new(w.as_bytes()).into_owned())
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    pub fn matches(&self, haystack: &str) -> bool {
        self.words.iter().all(|w| w.find(haystack.as_bytes()).is_some())
    }
}

/// "1 interaction", "2 interactions", "0 interactions".
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The word with its indefinite article: "an acquaintance", "a relationship". By the first
/// letter, which is right for the words Rapport puts after an article.
pub fn with_article(word: &str) -> String {
    let vowel = word.chars().next().is_some_and(|c| "aeiouAEIOU".contains(c));
    format!("{} {word}", if vowel { "an" } else { "a" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check(haystack: &str, query: &str, expected: bool) {
        assert_eq!(WordMatcher::new(query).matches(haystack), expected, "{query:?} in {haystack:?}");
        assert_eq!(matches_all_words(haystack, query), expected, "{query:?} in {haystack:?}");
    }

    #[test]
    fn every_word_must_occur() {
        check("ada lovelace analytics", "", true);
        check("ada lovelace analytics", "ana", true);
        check("ada lovelace analytics", "ana love", true);
        check("ada lovelace analytics", "ana fischer", false);
        check("zurich cafe", "caf", true);
        check("", "a", false);
    }

    proptest! {
        #[test]
        fn matcher_agrees_with_contains(haystack in "[a-d ]{0,40}", query in "[a-d ]{0,6}") {
            prop_assert_eq!(WordMatcher::new(&query).matches(&haystack), matches_all_words(&haystack, &query));
        }
    }
}
