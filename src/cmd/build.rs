//! `brief build`: render the site and write it, then say what happened in one line.

use crate::cache::Cache;
use crate::cache::lock::Contended;
use crate::cli::BuildArgs;
use crate::diagnostic::{display_path, plural};
use crate::error::Error;
use crate::model::BuildOptions;
use crate::output::WriteStats;
use crate::pipeline::{self, Destination, Request};

pub(super) fn run(args: BuildArgs) -> Result<(), Error> {
    let output = args.output.unwrap_or_else(|| args.root.join("public"));
    let cache = Cache::of(&args.root, args.cache_dir.as_deref());
    let request = Request {
        root: args.root,
        base_url: args.base_url,
        options: BuildOptions {
            drafts: args.drafts,
            future: args.future,
            today: super::today(),
        },
        lint: true,
        lenient: false,
    };
    let to = Destination {
        output: &output,
        cache: &cache,
        contended: match args.no_wait {
            true => Contended::Fail,
            false => Contended::Wait,
        },
        notice: &|notice| eprintln!("{notice}"),
    };
    let report = pipeline::build(&request, &to)?;
    for warning in report.warnings.iter() {
        eprintln!("{warning}\n");
    }
    if std::env::var_os("BRIEF_TIMINGS").is_some() {
        eprint!("{}", report.timings);
    }
    let stats = &report.stats;
    notes(stats, &output, &cache).for_each(|note| eprintln!("{note}\n"));
    let warnings = match report.warnings.warning_count() {
        0 => String::new(),
        n => format!("; {}", plural(n, "warning")),
    };
    println!(
        "Built {} ({} files: {} written, {} unchanged, {} removed{warnings}) into {} ({}) in {} ms",
        plural(stats.pages, "page"),
        stats.files,
        stats.written,
        stats.unchanged,
        stats.removed,
        display_path(&output),
        size(stats.bytes),
        report.elapsed.as_millis()
    );
    Ok(())
}

/// What the summary line cannot say: a folder replaced file by file, files kept that brief
/// has no record of, a site near the size hosts accept.
fn notes<'a>(
    stats: &'a WriteStats,
    output: &'a std::path::Path,
    cache: &'a Cache,
) -> impl Iterator<Item = String> + 'a {
    let in_place = stats.in_place.as_ref().map(|why| {
        format!(
            "note: {} was updated file by file, not swapped whole in one step: {why}; \
             a build killed while it renames files can leave a mix of old and new ones, \
             which the next build makes whole",
            display_path(output)
        )
    });
    let unknown = (!stats.unknown.is_empty()).then(|| unknown_note(&stats.unknown, cache));
    [in_place, unknown, size_warning(stats.bytes)]
        .into_iter()
        .flatten()
}

fn unknown_note(unknown: &[String], cache: &Cache) -> String {
    let shown: Vec<&str> = unknown.iter().take(10).map(String::as_str).collect();
    let more = match unknown.len() - shown.len() {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    format!(
        "note: the build cache ({}) had no record of what brief wrote into the output, so it \
         kept {} that this build does not write: {}{more}; delete any that are left from \
         an earlier build",
        display_path(cache.dir()),
        plural(unknown.len(), "file"),
        shown.join(", ")
    )
}

/// GitHub Pages publishes sites of at most 1 GB: say so when a site comes near.
pub(crate) fn size_warning(bytes: u64) -> Option<String> {
    let (how, when) = match bytes > 1_000_000_000 {
        true => ("over", "are needed now"),
        false => ("near", "will be needed soon"),
    };
    (bytes >= 900_000_000).then(|| {
        format!(
            "warning: the site is {}, {how} the 1 GB that GitHub Pages publishes at most; \
             fewer or smaller images, or another host, {when}",
            size(bytes)
        )
    })
}

/// A size as hosts state their limits: decimal units.
pub(crate) fn size(bytes: u64) -> String {
    let units = [(1_000_000_000, "GB"), (1_000_000, "MB"), (1_000, "kB")];
    match units.iter().find(|(unit, _)| bytes >= *unit) {
        Some((unit, name)) => format!("{:.1} {name}", bytes as f64 / *unit as f64),
        None => plural(bytes as usize, "byte"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_hosts_state_them() {
        assert_eq!(size(0), "0 bytes");
        assert_eq!(size(999), "999 bytes");
        assert_eq!(size(12_345), "12.3 kB");
        assert_eq!(size(3_250_000), "3.2 MB");
        assert_eq!(size(1_070_000_000), "1.1 GB");
    }

    #[test]
    fn a_site_near_a_gigabyte_is_warned_of() {
        assert_eq!(size_warning(899_999_999), None);
        assert_eq!(
            size_warning(950_000_000).as_deref(),
            Some(
                "warning: the site is 950.0 MB, near the 1 GB that GitHub Pages publishes at \
                 most; fewer or smaller images, or another host, will be needed soon"
            )
        );
        assert_eq!(
            size_warning(1_900_000_000).as_deref(),
            Some(
                "warning: the site is 1.9 GB, over the 1 GB that GitHub Pages publishes at \
                 most; fewer or smaller images, or another host, are needed now"
            )
        );
    }
}
