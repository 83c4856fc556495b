//! An article body prepared for extraction: the original text, its folded form, the map
//! between them, and its sentences.

use super::text::{self, Sentence};
use crate::normalize::Folded;

/// A body ready for matching.
#[derive(Debug)]
pub struct Doc<'a> {
    /// The original (cleaned) text: `schema:articleBody`.
    pub body: &'a str,
    /// Its folded form.
    pub folded: Folded,
    /// Byte offset in `body` of each code point, plus the end.
    char_bytes: Vec<usize>,
    /// The sentences.
    pub sentences: Vec<Sentence>,
}

impl<'a> Doc<'a> {
    /// Prepares a body.
    pub fn new(body: &'a str) -> Self {
        let folded = Folded::new(body);
        let mut char_bytes: Vec<usize> = body.char_indices().map(|(i, _)| i).collect();
        char_bytes.push(body.len());
        let sentences = text::sentences(&folded, |w| {
            super::lexicon::lexicon().has("line_continuers", w)
        });
        Self {
            body,
            folded,
            char_bytes,
            sentences,
        }
    }

    /// The folded text.
    pub fn text(&self) -> &str {
        &self.folded.text
    }

    /// Code-point span in the original text of a folded byte range.
    pub fn span(&self, start: usize, end: usize) -> (usize, usize) {
        self.folded.orig_span(start, end)
    }

    /// Original text of a folded byte range.
    pub fn original(&self, start: usize, end: usize) -> &'a str {
        let (b, e) = self.span(start, end);
        self.original_chars(b, e)
    }

    /// Original text between two code-point offsets.
    pub fn original_chars(&self, begin: usize, end: usize) -> &'a str {
        let last = self.char_bytes.len() - 1;
        let b = self.char_bytes[begin.min(last)];
        let e = self.char_bytes[end.min(last)];
        &self.body[b..e.max(b)]
    }
}
