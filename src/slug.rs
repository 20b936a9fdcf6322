//! Slugs: the lowercase ASCII words that name pages in URLs.
//!
//! `Recep Tayyip Erdoğan` becomes `recep-tayyip-erdogan`. Slugs are also how names are
//! compared, so that `Sergey  Lavrov` and `sergey lavrov` are the same person.

/// Longest slug we write: keeps paths portable on every file system.
const MAX_LEN: usize = 80;

/// The slug of `text`; empty when `text` has no letter or digit at all.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for original in text.chars() {
        let mut buffer = [0; 4];
        for c in transliterate(original, &mut buffer).chars() {
            if c.is_ascii_alphanumeric() {
                if pending_dash && !slug.is_empty() {
                    slug.push('-');
                }
                pending_dash = false;
                slug.push(c.to_ascii_lowercase());
            } else if c != '\'' && original != '’' {
                // Apostrophes join rather than split: "Russia's" → "russias".
                pending_dash = true;
            }
        }
    }
    if slug.len() > MAX_LEN {
        slug.truncate(MAX_LEN);
        while slug.ends_with('-') {
            slug.pop();
        }
    }
    slug
}

/// The ASCII a character is written with in a URL.
fn transliterate(c: char, buffer: &mut [u8; 4]) -> &str {
    match c {
        // deunicode reads the schwa as `@`, which would split "Heydər" into "heyd-r".
        'ə' | 'Ə' => "e",
        c if c.is_ascii() => c.encode_utf8(buffer),
        c => deunicode::deunicode_char(c).unwrap_or(""),
    }
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn transliterates_and_lowercases() {
        assert_eq!(slugify("Recep Tayyip Erdoğan"), "recep-tayyip-erdogan");
        assert_eq!(slugify("Kassym-Jomart Tokayev"), "kassym-jomart-tokayev");
        assert_eq!(
            slugify("  Russia's fading   patience! "),
            "russias-fading-patience"
        );
        assert_eq!(slugify("Сергей Лавров"), "sergei-lavrov");
        assert_eq!(slugify("Heydər Əliyev"), "heyder-eliyev");
    }

    #[test]
    fn nothing_sluggable_gives_empty() {
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn long_names_are_capped_without_trailing_dash() {
        let slug = slugify(&"word ".repeat(40));
        assert!(slug.len() <= 80 && !slug.ends_with('-'));
    }
}
