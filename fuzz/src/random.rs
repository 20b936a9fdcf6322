//! A plain random loop for machines without libFuzzer: inputs made by splicing tokens that
//! matter to brief (fences, YAML, Markdown, HTML, disguised schemes) into seed briefings, with a
//! small deterministic generator so that a finding can be replayed from its seed.

const SEEDS: &[&str] = &[
    "---\ntitle: T\nsubject: A B\nage: 3\nnationality: X\ncare-rating: 3\n---\nBody.\n",
    "---\ntitle: T\nsubject: A B\nage: 3\nnationality: [X, Y]\ncare-rating: 3\ntags: [a, b]\nwho-else-cares: [C D]\nsources:\n  - title: S\n    url: https://example.org/\n---\n## Why?\n\n[l](/people/a-b/) ![i](x.png)\n",
];

const TOKENS: &[&str] = &[
    "---",
    "\n",
    "\r\n",
    "\r",
    "\u{feff}",
    ": ",
    "- ",
    "[",
    "]",
    "(",
    ")",
    "![",
    "](",
    "<",
    ">",
    "&",
    "&#106;",
    "&#x6A;",
    "&colon;",
    "javascript:",
    "JaVaScRiPt:",
    "java\tscript:",
    " \u{1}javascript:",
    "vbscript:",
    "data:text/html,",
    "data:image/png,",
    "%6A",
    "<script>",
    "</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"",
    "\">",
    "<svg onload=x>",
    "`",
    "```",
    "> ",
    "#",
    "*",
    "_",
    "|",
    "\\",
    "\"",
    "'",
    "{{",
    "}}",
    "{%",
    "%}",
    "&a",
    "*a",
    "title: ",
    "date: 2022-02-30",
    "care-rating: ",
    "null",
    "~",
    "yes",
    "[[[[",
    "]]]]",
    "extra: ",
    "sources:\n  - title: x\n    url: ",
    "https://",
    "..",
    "/",
    "é",
    "\u{301}",
    "\u{0}",
    "\u{202e}",
    "[^1]",
    "[^1]: n",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "\t",
];

/// xorshift64*: enough randomness for fuzzing, and the same sequence for the same seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// One input: a seed with a few tokens spliced in, bytes flipped or a slice repeated.
fn input(rng: &mut Rng) -> Vec<u8> {
    let mut data = vec![rng.next() as u8];
    data.extend_from_slice(SEEDS[rng.below(SEEDS.len())].as_bytes());
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(data.len() + 1).max(1);
        match rng.below(10) {
            0 => {
                let i = rng.below(data.len() - 1) + 1;
                data[i] = rng.next() as u8;
            }
            1 => {
                let end = (at + rng.below(16)).min(data.len());
                let slice = data[at.min(end)..end].to_vec();
                for _ in 0..rng.below(64) {
                    data.splice(at..at, slice.iter().copied());
                }
            }
            _ => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                data.splice(at..at, token.iter().copied());
            }
        }
    }
    data
}

/// Checks `count` inputs made from `seed`; a finding panics with the input's number and bytes.
pub fn run(count: u64, seed: u64) {
    let mut rng = Rng(seed.max(1));
    for n in 0..count {
        let data = input(&mut rng);
        let outcome = std::panic::catch_unwind(|| crate::check(&data));
        if outcome.is_err() {
            let file = format!("finding-{seed}-{n}");
            let _ = std::fs::write(&file, &data);
            panic!("input {n} of seed {seed} is a finding, saved as {file}");
        }
        if n % 1000 == 999 {
            println!("{} inputs, no finding", n + 1);
        }
    }
    println!("{count} inputs from seed {seed}, no finding");
}
