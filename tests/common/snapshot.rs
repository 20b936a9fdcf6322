//! `Snapshot`: every file and folder under a folder at one moment, to compare with a later
//! moment. What a difference is depends on the constructor: the bytes alone, the bytes and each
//! file's inode (a file replaced, even by an identical copy), or the bytes and every entry's
//! modification time (anything written at all).

use std::fs;
use std::path::Path;
use std::time::SystemTime;

/// The entries of a folder, in path order, the folder itself first.
#[derive(Debug, PartialEq)]
pub struct Snapshot(Vec<Entry>);

#[derive(Debug, PartialEq)]
struct Entry {
    /// Relative to the folder, `/` between names; the folder itself is "".
    path: String,
    /// A file's bytes; none for a folder or a symbolic link.
    bytes: Vec<u8>,
    /// A file's inode, where the snapshot records them.
    inode: Option<u64>,
    /// The entry's own modification time (a link's, not its target's), where recorded.
    modified: Option<SystemTime>,
}

/// What a snapshot records of each entry besides its path and bytes.
#[derive(Clone, Copy, PartialEq)]
enum Record {
    Bytes,
    Inodes,
    Times,
}

impl Snapshot {
    /// Paths and bytes: what a reader of the folder sees.
    pub fn of(dir: &Path) -> Snapshot {
        Snapshot::take(dir, Record::Bytes)
    }

    /// Paths, bytes and each file's inode.
    pub fn with_inodes(dir: &Path) -> Snapshot {
        Snapshot::take(dir, Record::Inodes)
    }

    /// Paths, bytes and every entry's modification time.
    pub fn with_times(dir: &Path) -> Snapshot {
        Snapshot::take(dir, Record::Times)
    }

    /// The snapshot without the entries whose relative path `skip` accepts.
    pub fn without(mut self, skip: impl Fn(&Path) -> bool) -> Snapshot {
        self.0.retain(|entry| !skip(Path::new(&entry.path)));
        self
    }

    /// How many entries it holds.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn take(dir: &Path, record: Record) -> Snapshot {
        use std::os::unix::fs::MetadataExt;
        let entries = walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .map(|entry| {
                let meta = entry.metadata().unwrap();
                let is_file = entry.file_type().is_file();
                Entry {
                    path: (entry.path().strip_prefix(dir).unwrap())
                        .to_string_lossy()
                        .replace('\\', "/"),
                    bytes: if is_file {
                        fs::read(entry.path()).unwrap()
                    } else {
                        Vec::new()
                    },
                    inode: (record == Record::Inodes && is_file).then(|| meta.ino()),
                    modified: (record == Record::Times).then(|| meta.modified().unwrap()),
                }
            })
            .collect();
        Snapshot(entries)
    }
}
