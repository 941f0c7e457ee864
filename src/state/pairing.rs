//! Direct pairing with a device on the same network: WebRTC data channels with no ICE
//! server at all (host candidates only, so nothing is contacted beyond the two devices),
//! signalled by codes the user copies or scans (`rapport_core::pair`). No data moves before
//! the user has checked that both devices show the same confirmation code; then the devices
//! exchange digests and send only the people that differ, sealed under the sync key.

use super::devices;
use super::AppState;
use crate::browser;
use crate::storage::{device, lock as store_lock};
use leptos::prelude::*;
use rapport_core::pair::{self, Message, PairError, Signal};
use rapport_core::sync;
use std::cell::RefCell;
use std::collections::BTreeSet;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Where a pairing is.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    Idle,
    /// This device made the offer: its code, waiting for the other's answer.
    Offered {
        code: String,
    },
    /// Both descriptions known here: the code both must show, waiting for the user to check
    /// it. On the answering device, `answer` is the code the other device still needs.
    Confirm {
        code: String,
        confirmed: bool,
        answer: Option<String>,
    },
    /// Exchanging.
    Syncing,
    Done {
        summary: String,
    },
    Failed {
        reason: String,
    },
}

/// The pairing's state for the views.
#[derive(Clone, Copy)]
pub struct Pairing {
    pub phase: RwSignal<Phase>,
    pub peer: RwSignal<String>,
    pub problems: RwSignal<Vec<String>>,
}

struct Session {
    pc: web_sys::RtcPeerConnection,
    channel: Option<web_sys::RtcDataChannel>,
    key: [u8; 32],
    local_sdp: String,
    peer: Option<Signal>,
    confirmed: bool,
    open: bool,
    queue: Vec<Vec<u8>>,
    differ: Option<BTreeSet<u16>>,
    sent_records: bool,
    got_records: bool,
    bytes_sent: usize,
    /// Which pairing this is: a timer of an earlier one never ends this one.
    generation: u32,
    /// The chunks of a message being received.
    incoming: Vec<u8>,
    /// Closures the browser calls; kept alive with the session.
    _closures: Vec<Closure<dyn FnMut(JsValue)>>,
}

impl Session {
    /// A new pairing, with the next generation.
    fn new(
        pc: web_sys::RtcPeerConnection,
        channel: Option<web_sys::RtcDataChannel>,
        key: [u8; 32],
        local_sdp: String,
        peer: Option<Signal>,
        closures: Vec<Closure<dyn FnMut(JsValue)>>,
    ) -> Session {
        Session {
            pc,
            channel,
            key,
            local_sdp,
            peer,
            confirmed: false,
            open: false,
            queue: Vec::new(),
            differ: None,
            sent_records: false,
            got_records: false,
            bytes_sent: 0,
            generation: next_generation(),
            incoming: Vec::new(),
            _closures: closures,
        }
    }
}

thread_local! {
    static SESSION: RefCell<Option<Session>> = const { RefCell::new(None) };
    static GENERATION: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

fn next_generation() -> u32 {
    GENERATION.with(|g| {
        g.set(g.get().wrapping_add(1));
        g.get()
    })
}

/// Data-channel messages are kept well under the 256 KiB browsers accept in one message: a
/// sealed message goes in chunks, each with a first byte saying whether more follow.
const CHUNK: usize = 16 * 1024;

fn fail(p: Pairing, reason: impl Into<String>) {
    close();
    p.phase.set(Phase::Failed { reason: reason.into() });
}

/// Ends the pairing and closes the connection.
pub fn close() {
    SESSION.with(|s| {
        if let Some(session) = s.borrow_mut().take() {
            if let Some(c) = &session.channel {
                c.close();
            }
            session.pc.close();
        }
    });
}

const UNREACHABLE: &str = "The two devices could not reach each other. They must be on the same network, and some networks (guest Wi-Fi, a strict firewall, a VPN) keep devices apart. Use the sync folder or sync files instead: they work across any network.";

fn new_connection() -> Result<web_sys::RtcPeerConnection, String> {
    let config = web_sys::RtcConfiguration::new();
    // No STUN or TURN server: host candidates only, nothing contacted beyond the devices.
    config.set_ice_servers(&js_sys::Array::new());
    web_sys::RtcPeerConnection::new_with_configuration(&config)
        .map_err(|_| "This browser can't open a direct connection (WebRTC).".to_string())
}

/// Waits until every local candidate is gathered (at most a few seconds).
async fn gathered(pc: &web_sys::RtcPeerConnection) {
    for _ in 0..50 {
        if pc.ice_gathering_state() == web_sys::RtcIceGatheringState::Complete {
            return;
        }
        crate::browser::sleep(100.0).await;
    }
}

fn local_sdp(pc: &web_sys::RtcPeerConnection) -> String {
    pc.local_description().map(|d| d.sdp()).unwrap_or_default()
}

fn description(kind: web_sys::RtcSdpType, sdp: &str) -> web_sys::RtcSessionDescriptionInit {
    let d = web_sys::RtcSessionDescriptionInit::new(kind);
    d.set_sdp(sdp);
    d
}

fn my_signal(kind: &str, sdp: String, salt: &str) -> Signal {
    let d = device::load();
    Signal { kind: kind.into(), sdp, device: d.id, name: d.name, salt: salt.into() }
}

/// Wires the channel's events to the protocol.
fn attach(
    state: AppState,
    p: Pairing,
    channel: &web_sys::RtcDataChannel,
    closures: &mut Vec<Closure<dyn FnMut(JsValue)>>,
) {
    channel.set_binary_type(web_sys::RtcDataChannelType::Arraybuffer);
    let on_open = Closure::<dyn FnMut(JsValue)>::new(move |_| {
        SESSION.with(|s| {
            if let Some(session) = s.borrow_mut().as_mut() {
                session.open = true;
            }
        });
        start_if_ready(state, p);
    });
    channel.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    let on_message = Closure::<dyn FnMut(JsValue)>::new(move |ev: JsValue| {
        let Ok(ev) = ev.dyn_into::<web_sys::MessageEvent>() else { return };
        let bytes = js_sys::Uint8Array::new(&ev.data()).to_vec();
        let ready = SESSION.with(|s| {
            let mut s = s.borrow_mut();
            let Some(session) = s.as_mut() else { return false };
            if session.confirmed {
                true
            } else {
                session.queue.push(bytes.clone());
                false
            }
        });
        if ready {
            receive(state, p, &bytes);
        }
    });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    closures.push(on_open);
    closures.push(on_message);
}

fn watch_connection(p: Pairing, pc: &web_sys::RtcPeerConnection, closures: &mut Vec<Closure<dyn FnMut(JsValue)>>) {
    let pc2 = pc.clone();
    let on_state = Closure::<dyn FnMut(JsValue)>::new(move |_| {
        if pc2.connection_state() == web_sys::RtcPeerConnectionState::Failed {
            fail(p, UNREACHABLE);
        }
    });
    pc.set_onconnectionstatechange(Some(on_state.as_ref().unchecked_ref()));
    closures.push(on_state);
}

/// Starts a pairing on this device: its code for the other device.
pub async fn offer(state: AppState, p: Pairing) {
    close();
    let d = device::load();
    let Some(key) = d.own_key() else {
        return fail(p, "Set the sync passphrase first (the same on both devices).");
    };
    let pc = match new_connection() {
        Ok(pc) => pc,
        Err(e) => return fail(p, e),
    };
    let mut closures = Vec::new();
    let channel = pc.create_data_channel("rapport-sync");
    attach(state, p, &channel, &mut closures);
    watch_connection(p, &pc, &mut closures);
    let made = async {
        let offer = JsFuture::from(pc.create_offer()).await?;
        let sdp = js_sys::Reflect::get(&offer, &"sdp".into())?.as_string().unwrap_or_default();
        JsFuture::from(pc.set_local_description(&description(web_sys::RtcSdpType::Offer, &sdp))).await?;
        Ok::<_, JsValue>(())
    };
    if made.await.is_err() {
        return fail(p, "This browser could not start a direct connection.");
    }
    gathered(&pc).await;
    let sdp = local_sdp(&pc);
    let code = pair::encode(&my_signal("offer", sdp.clone(), &d.salt));
    SESSION.with(|s| *s.borrow_mut() = Some(Session::new(pc, Some(channel), key, sdp, None, closures)));
    p.phase.set(Phase::Offered { code });
}

/// The key the pair's messages are sealed under: the sync passphrase's, with the offering
/// device's salt.
async fn key_for_salt(salt: &str) -> Result<[u8; 32], String> {
    if let Some(k) = device::load().key_for(salt) {
        return Ok(k);
    }
    let passphrase = devices::passphrase().ok_or(
        "This is the first time these two devices meet: type the sync passphrase again above (Change it), then paste the code again.",
    )?;
    let salt_bytes =
        sync::decode_salt(salt).ok_or("This pairing code is cut short or changed. Copy the whole code again.")?;
    let key = store_lock::derive(&passphrase, &salt_bytes, rapport_core::lock::ITERATIONS).await?;
    device::update(|d| d.keep_key(salt, &key));
    Ok(key)
}

/// The other device's code pasted here: answer it.
pub async fn answer(state: AppState, p: Pairing, code: String) {
    let signal = match pair::decode(&code, "offer") {
        Ok(s) => s,
        Err(e) => return p.problems.set(vec![e.to_string()]),
    };
    if signal.device == device::load().id {
        return p.problems.set(vec!["That is this device's own code: paste it on the other device.".into()]);
    }
    if device::load().own_key().is_none() {
        return fail(p, "Set the sync passphrase first (the same on both devices).");
    }
    let key = match key_for_salt(&signal.salt).await {
        Ok(k) => k,
        Err(e) => return p.problems.set(vec![e]),
    };
    close();
    let pc = match new_connection() {
        Ok(pc) => pc,
        Err(e) => return fail(p, e),
    };
    let mut closures = Vec::new();
    let on_channel = Closure::<dyn FnMut(JsValue)>::new(move |ev: JsValue| {
        let Ok(ev) = ev.dyn_into::<web_sys::RtcDataChannelEvent>() else { return };
        let channel = ev.channel();
        let mut more = Vec::new();
        attach(state, p, &channel, &mut more);
        SESSION.with(|s| {
            if let Some(session) = s.borrow_mut().as_mut() {
                session.channel = Some(channel);
                session._closures.extend(more);
            }
        });
    });
    pc.set_ondatachannel(Some(on_channel.as_ref().unchecked_ref()));
    closures.push(on_channel);
    watch_connection(p, &pc, &mut closures);
    let made = async {
        JsFuture::from(pc.set_remote_description(&description(web_sys::RtcSdpType::Offer, &signal.sdp))).await?;
        let answer = JsFuture::from(pc.create_answer()).await?;
        let sdp = js_sys::Reflect::get(&answer, &"sdp".into())?.as_string().unwrap_or_default();
        JsFuture::from(pc.set_local_description(&description(web_sys::RtcSdpType::Answer, &sdp))).await?;
        Ok::<_, JsValue>(())
    };
    if made.await.is_err() {
        return fail(p, "That pairing code could not be used. Make a new one on the other device.");
    }
    gathered(&pc).await;
    let sdp = local_sdp(&pc);
    let reply = pair::encode(&my_signal("answer", sdp.clone(), &signal.salt));
    let confirm = pair::confirmation(&sdp, &signal.sdp);
    p.peer.set(signal.name.clone());
    SESSION.with(|s| *s.borrow_mut() = Some(Session::new(pc, None, key, sdp, Some(signal), closures)));
    p.problems.set(Vec::new());
    // The confirmation code shows with the answer; the other device shows it once it has
    // the answer.
    p.phase.set(Phase::Confirm { code: confirm, confirmed: false, answer: Some(reply) });
    // Time for the answer code to reach the other device and for it to connect.
    timeout(p, 180);
}

/// The other device's answer pasted on the offering device.
pub async fn complete(p: Pairing, code: String) {
    let signal = match pair::decode(&code, "answer") {
        Ok(s) => s,
        Err(e) => return p.problems.set(vec![e.to_string()]),
    };
    let pc = SESSION.with(|s| s.borrow().as_ref().map(|session| (session.pc.clone(), session.local_sdp.clone())));
    let Some((pc, mine)) = pc else {
        return fail(p, "Start again: show a new pairing code.");
    };
    if JsFuture::from(pc.set_remote_description(&description(web_sys::RtcSdpType::Answer, &signal.sdp))).await.is_err()
    {
        return p.problems.set(vec![
            "That answer code does not belong to this pairing code. Paste the answer to the code shown here.".into(),
        ]);
    }
    p.peer.set(signal.name.clone());
    SESSION.with(|s| {
        if let Some(session) = s.borrow_mut().as_mut() {
            session.peer = Some(signal.clone());
        }
    });
    p.problems.set(Vec::new());
    p.phase.set(Phase::Confirm { code: pair::confirmation(&mine, &signal.sdp), confirmed: false, answer: None });
    timeout(p, 30);
}

/// If this pairing's channel hasn't opened after `seconds`, the devices can't reach each other.
fn timeout(p: Pairing, seconds: u64) {
    let generation = SESSION.with(|s| s.borrow().as_ref().map(|session| session.generation));
    set_timeout(
        move || {
            let stalled = SESSION.with(|s| {
                s.borrow().as_ref().is_some_and(|session| Some(session.generation) == generation && !session.open)
            });
            if stalled {
                fail(p, UNREACHABLE);
            }
        },
        std::time::Duration::from_secs(seconds),
    );
}

/// The user checked the confirmation code: data may move.
pub fn confirm(state: AppState, p: Pairing) {
    let queued = SESSION.with(|s| {
        let mut s = s.borrow_mut();
        let session = s.as_mut()?;
        session.confirmed = true;
        Some(std::mem::take(&mut session.queue))
    });
    let Some(queued) = queued else { return };
    if let Phase::Confirm { code, answer, .. } = p.phase.get_untracked() {
        p.phase.set(Phase::Confirm { code, confirmed: true, answer });
    }
    start_if_ready(state, p);
    for message in queued {
        receive(state, p, &message);
    }
}

/// Once the channel is open and the user has confirmed: send this device's digests.
fn start_if_ready(state: AppState, p: Pairing) {
    let ready = SESSION.with(|s| s.borrow().as_ref().is_some_and(|session| session.open && session.confirmed));
    if ready {
        p.phase.set(Phase::Syncing);
        let message = state.network.with_untracked(pair::digests_message);
        send(p, &message);
    }
}

fn send(p: Pairing, message: &Message) {
    let result: Result<(), PairError> = SESSION.with(|s| {
        let mut s = s.borrow_mut();
        let session = s.as_mut().ok_or(PairError::Refused)?;
        let sealed = pair::seal(message, &session.key, &mut store_lock::random)?;
        session.bytes_sent += sealed.len();
        let channel = session.channel.as_ref().ok_or(PairError::Refused)?;
        let count = sealed.chunks(CHUNK).count();
        for (n, chunk) in sealed.chunks(CHUNK).enumerate() {
            let mut framed = Vec::with_capacity(chunk.len() + 1);
            framed.push(u8::from(n + 1 < count));
            framed.extend_from_slice(chunk);
            channel.send_with_u8_array(&framed).map_err(|_| PairError::Refused)?;
        }
        Ok(())
    });
    if result.is_err() {
        fail(p, UNREACHABLE);
    }
}

/// One chunk from the other device: a whole message once its last chunk is in.
fn receive(state: AppState, p: Pairing, chunk: &[u8]) {
    let whole = SESSION.with(|s| {
        let mut s = s.borrow_mut();
        let session = s.as_mut()?;
        let (more, body) = chunk.split_first()?;
        session.incoming.extend_from_slice(body);
        (*more == 0).then(|| (std::mem::take(&mut session.incoming), session.key))
    });
    let Some((bytes, key)) = whole else { return };
    let message = match pair::open(&bytes, &key) {
        Ok(m) => m,
        Err(e) => return fail(p, e.to_string()),
    };
    match message {
        Message::Digests { d } => {
            let theirs = match pair::read_digests(&d) {
                Ok(t) => t,
                Err(e) => return fail(p, e.to_string()),
            };
            let differ = state.network.with_untracked(|n| pair::differing(&pair::digests(n), &theirs));
            let mine = state.network.with_untracked(|n| pair::person_digests(n, &differ));
            SESSION.with(|s| {
                if let Some(session) = s.borrow_mut().as_mut() {
                    session.differ = Some(differ);
                }
            });
            send(p, &pair::people_message(&mine));
        }
        Message::People { d } => {
            let theirs = match pair::read_people(&d) {
                Ok(t) => t,
                Err(e) => return fail(p, e.to_string()),
            };
            let differ = SESSION.with(|s| s.borrow().as_ref().and_then(|session| session.differ.clone()));
            let Some(differ) = differ else { return fail(p, PairError::Damaged.to_string()) };
            let now = browser::now();
            let records = state.network.with_untracked(|n| {
                let mine = pair::person_digests(n, &differ);
                pair::records(n, &pair::to_send(&mine, &theirs), differ.contains(&pair::OTHER), now)
            });
            send(p, &Message::Records { backup: Box::new(records) });
            SESSION.with(|s| {
                if let Some(session) = s.borrow_mut().as_mut() {
                    session.sent_records = true;
                }
            });
            finish_if_done(p);
        }
        Message::Records { backup } => {
            let peer = SESSION.with(|s| s.borrow().as_ref().and_then(|session| session.peer.clone()));
            let Some(peer) = peer else { return };
            let header = sync::Header {
                format: sync::FORMAT.into(),
                v: 1,
                device: peer.device.clone(),
                name: peer.name.clone(),
                written: browser::now(),
                kdf: String::new(),
                iterations: 0,
                salt: peer.salt.clone(),
                cipher: String::new(),
                nonce: String::new(),
                check: String::new(),
            };
            let merged = devices::merge_opened(
                state,
                vec![(header, *backup)],
                Vec::new(),
                Vec::new(),
                0,
                browser::performance_now(),
            );
            p.problems.set(merged.problems);
            let sent = SESSION.with(|s| {
                let mut s = s.borrow_mut();
                let session = s.as_mut()?;
                session.got_records = true;
                Some(session.bytes_sent)
            });
            p.phase.set(Phase::Done {
                summary: format!(
                    "{} ({} sent from this device.)",
                    merged.summary.replacen("Merged 1 file from", "Synced with", 1),
                    kilobytes(sent.unwrap_or(0))
                ),
            });
            finish_if_done(p);
        }
    }
}

fn kilobytes(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    }
}

/// Closes the connection once both sides have sent and received their records.
fn finish_if_done(_p: Pairing) {
    let done = SESSION.with(|s| s.borrow().as_ref().is_some_and(|session| session.sent_records && session.got_records));
    if done {
        // A moment for the last message to leave before the channel closes.
        set_timeout(close, std::time::Duration::from_secs(2));
    }
}
