//! The lock header, an encrypted backup, and a sealed value opened in every state.
#![no_main]
use libfuzzer_sys::fuzz_target;
use rapport_core::lock::{self, EncryptedBackup, Header, State};

fuzz_target!(|text: &str| {
    if let Ok(h) = Header::parse(text) {
        let _ = h.unlock(&[0; 32]);
    }
    if let Ok(b) = EncryptedBackup::parse(text) {
        let _ = b.open(&[0; 32]);
    }
    let mut zero = |b: &mut [u8]| {
        b.fill(0);
        Ok(())
    };
    let Ok((_, unlocked)) = lock::begin_lock(&[1; 32], &[2; 16], lock::ITERATIONS, &mut zero) else { return };
    for state in [State::Locked, State::Encrypting, State::Rekeying, State::Removing] {
        let _ = unlocked.step(state, "rapport.p.x", text, &mut zero);
    }
});
