//! Slugs: the lowercase ASCII words that name pages in URLs.
//!
//! `Recep Tayyip Erdoğan` becomes `recep-tayyip-erdogan`. Slugs are also how names are
//! compared, so that `Sergey  Lavrov` and `sergey lavrov` are the same person.

/// Longest slug we write: keeps paths portable on every file system.
const MAX_LEN: usize = 80;

/// The slug of `text`; empty when `text` has no letter or digit at all. A name typed with
/// accents as separate marks (as macOS saves file names) has the slug of its composed form.
pub fn slugify(text: &str) -> String {
    let text = icu_normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(text);
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
    if is_reserved(&slug) {
        // `con/` or `nul.md` cannot be made on Windows: keep sites portable.
        slug.push_str("-1");
    }
    slug
}

/// Device names Windows refuses as file or folder names.
fn is_reserved(slug: &str) -> bool {
    matches!(slug, "con" | "prn" | "aux" | "nul")
        || (slug.len() == 4
            && (slug.starts_with("com") || slug.starts_with("lpt"))
            && slug.as_bytes()[3].is_ascii_digit())
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
    fn windows_device_names_are_avoided() {
        assert_eq!(slugify("Con"), "con-1");
        assert_eq!(slugify("LPT1"), "lpt1-1");
        assert_eq!(slugify("Cone"), "cone");
    }

    proptest::proptest! {
        /// Whatever the input: lowercase ASCII letters, digits and single inner hyphens, at most
        /// 80 bytes, portable, and a fixed point (slugging a slug changes nothing).
        #[test]
        fn slugs_are_portable_and_stable(text in "\\PC{0,200}") {
            let slug = slugify(&text);
            proptest::prop_assert!(slug.len() <= 80);
            proptest::prop_assert!(slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
            proptest::prop_assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"));
            proptest::prop_assert!(!super::is_reserved(&slug));
            proptest::prop_assert_eq!(slugify(&slug), slug);
        }

        /// A name with a letter or digit always gets a slug.
        #[test]
        fn names_with_an_ascii_letter_are_never_empty(text in "\\PC{0,40}[a-zA-Z0-9]\\PC{0,40}") {
            proptest::prop_assert!(!slugify(&text).is_empty());
        }
    }

    fn nfd(text: &str) -> String {
        icu_normalizer::DecomposingNormalizerBorrowed::new_nfd()
            .normalize(text)
            .into_owned()
    }

    fn nfc(text: &str) -> String {
        icu_normalizer::ComposingNormalizerBorrowed::new_nfc()
            .normalize(text)
            .into_owned()
    }

    #[test]
    fn accents_typed_either_way_give_one_slug() {
        for name in [
            "Recep Tayyip Erdoğan",
            "Peña Nieto",
            "Łukasz Świątek",
            "Nguyễn Phú Trọng",
            "Ólafur Ragnar Grímsson",
            "Đặng",
        ] {
            assert_eq!(slugify(&nfd(name)), slugify(&nfc(name)), "{name}");
        }
    }

    /// Regression: deunicode reads U+0CCA as "o" but its two decomposed marks as "euu".
    #[test]
    fn a_kannada_vowel_sign_decomposed_has_the_same_slug() {
        assert_eq!(slugify("\u{cca}"), slugify("\u{cc6}\u{cc2}"));
    }

    proptest::proptest! {
        /// A name saved decomposed (macOS) and precomposed (elsewhere) is one person, one URL.
        #[test]
        fn unicode_normalisation_does_not_change_a_slug(text in "\\PC{0,40}") {
            proptest::prop_assert_eq!(slugify(&nfd(&text)), slugify(&nfc(&text)));
        }
    }

    #[test]
    fn long_names_are_capped_without_trailing_dash() {
        let slug = slugify(&"word ".repeat(40));
        assert!(slug.len() <= 80 && !slug.ends_with('-'));
    }
}
