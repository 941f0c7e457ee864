//! LinkedIn messages.csv, fed in slices of every size from 1 to 64 bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use rapport_core::Network;

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else { return };
    let slice = usize::from(first % 64) + 1;
    let _ = rapport_core::import::messages::read_all(&Network::default(), bytes, first & 1 == 0, slice);
});
