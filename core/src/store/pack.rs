//! The packed form of a stored value (schema 2): the JSON text, deflated (`miniz_oxide`),
//! then written 15 bits per UTF-16 character. localStorage counts UTF-16 characters, so this
//! fits about three to four times as much as plain JSON into the browser's quota.
//!
//! A packed value is `#`, one character saying how many bits of the last character count,
//! then the characters `0x20 + 15 bits` (from U+0020 to U+801F: printable, never a surrogate).
//! JSON never starts with `#`, so schema 1's plain values read through [`unpack`] unchanged.

use std::borrow::Cow;

const MARK: char = '#';
const OFFSET: u32 = 0x20;
/// A stored value never inflates past this (a damaged or hostile value can't exhaust memory).
const MAX_UNPACKED: usize = 64 * 1024 * 1024;

/// Bytes, 15 bits per character: first the count of bits used in the last character.
pub fn encode15(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 15 + 3);
    out.push(' ');
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    let mut last_bits = 15;
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        if bits >= 15 {
            bits -= 15;
            out.push(char::from_u32(OFFSET + ((acc >> bits) & 0x7FFF)).unwrap_or(' '));
            acc &= (1 << bits) - 1;
        }
    }
    if bits > 0 {
        last_bits = bits;
        out.push(char::from_u32(OFFSET + ((acc << (15 - bits)) & 0x7FFF)).unwrap_or(' '));
    }
    out.replace_range(0..1, &char::from_u32(OFFSET + last_bits).unwrap_or(' ').to_string());
    out
}

/// The bytes of [`encode15`]'s text, or `None` if it isn't such text.
pub fn decode15(text: &str) -> Option<Vec<u8>> {
    let mut chars = text.chars();
    let last_bits = (chars.next()? as u32).checked_sub(OFFSET)?;
    if !(1..=15).contains(&last_bits) {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() / 2 + 2);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    let mut next = chars.next();
    while let Some(c) = next {
        let unit = (c as u32).checked_sub(OFFSET).filter(|v| *v <= 0x7FFF)?;
        next = chars.next();
        let (value, width) = if next.is_none() { (unit >> (15 - last_bits), last_bits) } else { (unit, 15) };
        acc = (acc << width) | value;
        bits += width;
        while bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xFF) as u8);
        }
        acc &= (1 << bits) - 1;
    }
    (bits == 0).then_some(out)
}

/// The deflate level. Measured on the synthetic networks (every bucket packed, natively):
/// level 6 took 163 ms at 5,000 people and 371 ms at 30,000; level 3 takes 102 and 210 ms
/// for 4% and 6% more bytes (2 and 1 would save little more time for 16–20% more bytes).
/// Packing is most of a save's time, of a sync merge's writes and of an import's commit, and
/// the stored size stays far inside its budgets. Any level inflates the same way.
const LEVEL: u8 = 3;

thread_local! {
    /// One compressor, reset for each value: a new one allocates and clears about 300 KB of
    /// tables, which dominated packing many small values (an import of 5,000 people).
    static COMPRESSOR: std::cell::RefCell<Box<miniz_oxide::deflate::core::CompressorOxide>> =
        std::cell::RefCell::new(Box::new(miniz_oxide::deflate::core::CompressorOxide::new(
            miniz_oxide::deflate::core::create_comp_flags_from_zip_params(LEVEL.into(), -15, 0),
        )));
}

thread_local! {
    /// One decompressor, reset for each value.
    static DECOMPRESSOR: std::cell::RefCell<Box<miniz_oxide::inflate::core::DecompressorOxide>> =
        std::cell::RefCell::new(Box::default());
}

/// Deflates bytes: the original length as a LEB128 number, then raw deflate. Knowing the
/// length lets [`decompress`] inflate into an exact buffer in one call.
pub fn compress(bytes: &[u8]) -> Vec<u8> {
    use miniz_oxide::deflate::core::{compress_to_output, TDEFLFlush, TDEFLStatus};
    let mut out = Vec::with_capacity(bytes.len() / 2 + 64);
    let mut len = bytes.len();
    loop {
        let low = (len & 0x7F) as u8;
        len >>= 7;
        if len == 0 {
            out.push(low);
            break;
        }
        out.push(low | 0x80);
    }
    let prefix = out.len();
    let reused = COMPRESSOR.with(|c| {
        let mut c = c.try_borrow_mut().ok()?;
        c.reset();
        let (status, _) = compress_to_output(&mut c, bytes, TDEFLFlush::Finish, |chunk| {
            out.extend_from_slice(chunk);
            true
        });
        Some(status == TDEFLStatus::Done)
    });
    if reused != Some(true) {
        out.truncate(prefix);
        out.extend_from_slice(&miniz_oxide::deflate::compress_to_vec(bytes, LEVEL));
    }
    out
}

/// Inflates [`compress`]'s output, refusing damaged data and anything over 64 MiB.
pub fn decompress(bytes: &[u8]) -> Option<Vec<u8>> {
    use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;
    let mut len: usize = 0;
    let mut shift = 0u32;
    let mut rest = bytes;
    loop {
        let (&byte, tail) = rest.split_first()?;
        rest = tail;
        len |= usize::from(byte & 0x7F).checked_shl(shift)?;
        if byte & 0x80 == 0 {
            break;
        }
        shift += 7;
        if shift > 28 {
            return None;
        }
    }
    if len > MAX_UNPACKED {
        return None;
    }
    let mut out = vec![0u8; len];
    let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let run = |state: &mut DecompressorOxide, out: &mut [u8]| {
        state.init();
        let (status, _, written) = decompress(state, rest, out, 0, flags);
        status == TINFLStatus::Done && written == len
    };
    let done = DECOMPRESSOR
        .with(|d| d.try_borrow_mut().ok().map(|mut d| run(&mut d, &mut out)))
        .unwrap_or_else(|| run(&mut DecompressorOxide::new(), &mut out));
    done.then_some(out)
}

/// The stored form of a value's JSON.
pub fn pack(json: &str) -> String {
    let mut out = String::from(MARK);
    out.push_str(&encode15(&compress(json.as_bytes())));
    out
}

/// The JSON of a stored value, packed or (schema 1) plain.
pub fn unpack(stored: &str) -> Result<Cow<'_, str>, String> {
    let Some(body) = stored.strip_prefix(MARK) else {
        return Ok(Cow::Borrowed(stored));
    };
    let bytes = decode15(body).and_then(|b| decompress(&b)).ok_or("its packed text is damaged")?;
    String::from_utf8(bytes).map(Cow::Owned).map_err(|_| "its packed text is not UTF-8".to_string())
}

/// Whether a stored value is packed.
pub fn is_packed(stored: &str) -> bool {
    stored.starts_with(MARK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_round_trip_at_every_length() {
        for len in 0..64usize {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 % 256) as u8).collect();
            let text = encode15(&bytes);
            assert!(text.chars().all(|c| (0x20..=0x801F).contains(&(c as u32))));
            assert_eq!(decode15(&text), Some(bytes), "length {len}");
        }
    }

    #[test]
    fn values_round_trip_and_damage_is_refused() {
        for json in ["", "{}", "{\"name\":\"José Núñez 🌿\",\"notes\":\"café café café café\"}"] {
            let packed = pack(json);
            assert_eq!(unpack(&packed).unwrap(), json);
        }
        let packed = compress(b"hello hello hello");
        assert!(decompress(&packed[..packed.len() - 1]).is_none(), "truncated");
        let mut longer = packed.clone();
        longer[0] += 1;
        assert!(decompress(&longer).is_none(), "the length must match");
        assert!(decompress(&[0xFF, 0xFF, 0xFF, 0xFF, 0x7F]).is_none(), "a length over the limit");
        assert!(unpack("#!!").is_err());
        assert_eq!(unpack("{\"plain\":1}").unwrap(), "{\"plain\":1}", "schema 1 values pass through");
    }
}
