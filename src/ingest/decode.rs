//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, and legacy Windows-1256.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1256};

/// Which encoding a file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detected {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16 (little or big endian) announced by its byte-order mark.
    Utf16,
    /// The legacy Arabic Windows code page.
    Windows1256,
}

/// Decodes a file's bytes. The error is a reason fit for the user, naming the byte offset.
pub fn decode(bytes: &[u8]) -> Result<(String, Detected), String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty file".into());
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let detected = if encoding == UTF_8 {
            Detected::Utf8
        } else {
            Detected::Utf16
        };
        return match encoding.decode_without_bom_handling_and_without_replacement(body) {
            Some(text) if text.trim().is_empty() => Err("empty file".into()),
            Some(text) => check_not_binary(&text).map(|()| (text.into_owned(), detected)),
            None => Err(format!(
                "malformed {} after its byte-order mark",
                encoding.name()
            )),
        };
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(format!("binary file (NUL byte at offset {pos})"));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => check_not_binary(text).map(|()| (text.to_owned(), Detected::Utf8)),
        Err(utf8_error) => {
            let offset = utf8_error.valid_up_to();
            let (text, _) = WINDOWS_1256.decode_without_bom_handling(bytes);
            if plausible_arabic(&text) {
                Ok((text.into_owned(), Detected::Windows1256))
            } else {
                Err(format!(
                    "not UTF-8 (invalid byte 0x{:02X} at offset {offset}) and not plausible Windows-1256 Arabic text",
                    bytes[offset]
                ))
            }
        }
    }
}

/// Rejects text full of control characters, which means a binary file was read as text.
fn check_not_binary(text: &str) -> Result<(), String> {
    let mut controls = 0usize;
    for (offset, c) in text.char_indices() {
        if c == '\0' {
            return Err(format!("binary file (NUL character at offset {offset})"));
        }
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            controls += 1;
        }
    }
    if controls * 20 > text.chars().count().max(1) {
        return Err(format!("binary file ({controls} control characters)"));
    }
    Ok(())
}

/// Windows-1256 maps every byte, so decoding never fails: judge the result instead. Arabic
/// text decoded from it is mostly Arabic letters, ASCII and spaces; random bytes are not.
fn plausible_arabic(text: &str) -> bool {
    let mut arabic = 0usize;
    let mut ascii = 0usize;
    let mut other = 0usize;
    let mut spaces = 0usize;
    for c in text.chars() {
        if c.is_whitespace() {
            spaces += 1;
        }
        if c.is_ascii() {
            if c.is_ascii_control() && !c.is_ascii_whitespace() {
                other += 1;
            } else {
                ascii += 1;
            }
        } else if ('\u{0600}'..='\u{06FF}').contains(&c) {
            arabic += 1;
        } else {
            other += 1;
        }
    }
    // Real prose has words: at least one space per fifteen Arabic letters.
    arabic >= 4
        && other * 20 <= arabic + ascii
        && arabic * 2 >= arabic + other
        && spaces * 15 >= arabic
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("سلام".as_bytes()).map(|d| d.0), Ok("سلام".to_owned()));
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice("سلام".as_bytes());
        assert_eq!(decode(&with_bom).map(|d| d.0), Ok("سلام".to_owned()));
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        for unit in "قره باغ".encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&le), Ok(("قره باغ".to_owned(), Detected::Utf16)));
    }

    #[test]
    fn windows_1256_is_recognised() {
        let (bytes, _, _) = WINDOWS_1256.encode("وقف إطلاق النار بين الطرفين");
        assert_eq!(
            decode(&bytes),
            Ok((
                "وقف إطلاق النار بين الطرفين".to_owned(),
                Detected::Windows1256
            ))
        );
    }

    #[test]
    fn garbage_empty_and_binary_are_rejected() {
        assert_eq!(decode(b"  \n"), Err("empty file".to_owned()));
        assert!(decode(b"abc\0def").unwrap_err().contains("offset 3"));
        // Bytes that are neither UTF-8 nor readable as Arabic in Windows-1256.
        let garbage: Vec<u8> = (0..400u32).map(|i| (128 + (i * 37) % 128) as u8).collect();
        let reason = decode(&garbage).unwrap_err();
        assert!(reason.contains("not UTF-8"), "{reason}");
    }
}
