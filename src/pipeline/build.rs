//! `build`: the pipeline rendered straight into the output folder, one build at a time, with
//! the no-change shortcut of the stamp and the output's record kept in the build cache.

use std::path::Path;
use std::time::{Duration, Instant};

use super::{Fresh, Request, Timings, prepare, render_into, stamp};
use crate::cache::lock::{Contended, OutputLock};
use crate::cache::{Cache, Record};
use crate::diagnostic::Diagnostics;
use crate::error::Error;
use crate::output::{DiskSink, WriteStats};

/// What a build did, for the summary line.
#[derive(Debug)]
pub(crate) struct BuildReport {
    pub stats: WriteStats,
    pub warnings: Diagnostics,
    pub timings: Timings,
    pub elapsed: Duration,
}

/// Where and how a build writes: the output folder, the cache that keeps its record, and what
/// to do when another build of it is running.
pub(crate) struct Destination<'a> {
    pub output: &'a Path,
    pub cache: &'a Cache,
    pub contended: Contended,
    /// Told once if this build must wait for another.
    pub notice: &'a dyn Fn(&str),
}

/// Renders the site straight into the output folder; it changes only if everything succeeded,
/// and in one step where the system allows it. A folder that already holds exactly what this
/// build would write is left alone. One build at a time writes a folder: others wait.
pub(crate) fn build(request: &Request, to: &Destination) -> Result<BuildReport, Error> {
    let started = Instant::now();
    // Refuse the site's own folders before making anything, even the cache.
    crate::output::check_output_dir(&request.root, to.output, to.cache.dir(), true)?;
    let record = to.cache.record(to.output)?;
    let _lock = OutputLock::take(record.folder(), to.contended, to.notice)?;
    let inputs = stamp::Inputs::of(request);
    if let Some(report) = nothing_to_do(&record, inputs, started) {
        return Ok(report);
    }
    let stamping = started.elapsed();
    let mut prepared = prepare(request)?;
    prepared.timings.0.insert(0, ("stamp", stamping));
    let sink = DiskSink::open(&request.root, to.output, record.clone())?;
    if let Err(error) = render_into(&mut prepared, &sink, &Fresh::default()) {
        sink.abort();
        return Err(error);
    }
    let mut clock = Instant::now();
    let stats = sink.commit()?;
    let written: Vec<String> = record.manifest().unwrap_or_default().into_iter().collect();
    stamp::write(&record, inputs, &written, &prepared.warnings);
    to.cache.prune();
    prepared.timings.lap("commit", &mut clock);
    Ok(BuildReport {
        stats,
        warnings: prepared.warnings,
        timings: prepared.timings,
        elapsed: started.elapsed(),
    })
}

/// The report of a build that finds nothing to do: the stamp matches, and the record agrees.
fn nothing_to_do(record: &Record, inputs: stamp::Inputs, started: Instant) -> Option<BuildReport> {
    let kept = stamp::up_to_date(record, inputs)?;
    let manifest = record.manifest().unwrap_or_default();
    if manifest.len() != kept.files {
        return None;
    }
    let timings = Timings(vec![("stamp", started.elapsed())]);
    Some(BuildReport {
        stats: WriteStats {
            unchanged: kept.files,
            pages: crate::output::page_count(manifest.iter().map(String::as_str)),
            files: kept.files,
            bytes: kept.bytes,
            ..WriteStats::default()
        },
        warnings: kept.warnings,
        timings,
        elapsed: started.elapsed(),
    })
}
