//! The hash maps and sets of the hot paths (output path claims, the link index, `serve`'s memo
//! and stale plan), hashed with foldhash: their keys are our own paths and names, hashed tens of
//! thousands of times per render, and the standard SipHash was the top entry of a rebuild's
//! profile. Seeded per process, so a crafted set of names cannot aim for collisions. One place
//! to swap the hasher.

pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
pub(crate) type HashSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;
