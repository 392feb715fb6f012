//! The element ids of the answer form, shared by the server's markup and the answer
//! page's script (which finds a question's control and its error note by them).
//! Question ids have no hyphen, so the suffixed ids never collide.

/// The id of the control that posts `field` (a question id, or `q3__other`), which the
/// error summary links to. For a group of radio buttons or checkboxes it is the first
/// one's id.
pub fn control_id(field: &str) -> String {
    format!("q-{field}")
}

/// The id of a note that belongs to a control: `q-negotiations-error`.
pub fn note_id(field: &str, note: &str) -> String {
    format!("q-{field}-{note}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_hang_off_the_control_id() {
        assert_eq!(control_id("negotiations"), "q-negotiations");
        assert_eq!(note_id("negotiations", "error"), "q-negotiations-error");
        assert!(note_id("q3", "help").starts_with(&control_id("q3")));
    }
}
