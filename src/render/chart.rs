//! A person's care-rating history drawn at build time as an inline SVG line chart: no script,
//! no request, and a fixed `width`/`height`/`viewBox` so the page does not shift as it loads.
//!
//! Colours come from the page's stylesheet through classes (`chart-line`, `chart-point`, …),
//! so the chart follows the light and dark schemes. The same numbers are in the table the
//! default theme prints under it, which is the chart's text alternative; the SVG itself has a
//! title and a one-sentence description for screen readers. Output is deterministic: the same
//! site draws the same bytes.

use std::fmt::Write;

use super::xml::escape;
use crate::model::{Person, Site};

const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 180.0;
/// The plot area inside the chart: room on the left for the 0/5/10 labels, below for dates.
const LEFT: f64 = 36.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 30.0;

/// One briefing about the person: when, how much to care, and what it was.
struct Point<'a> {
    day: i32,
    date: String,
    rating: u8,
    title: &'a str,
}

/// The chart of every briefing about `person`, oldest first; `""` with fewer than two (a line
/// needs two points: a page says a single rating in words).
pub(super) fn care_rating_chart(site: &Site, person: &Person) -> String {
    let points: Vec<Point> = person
        .about
        .iter()
        .rev()
        .map(|&id| {
            let briefing = &site.briefings[id];
            Point {
                day: day_number(briefing.date),
                date: briefing.date.to_string(),
                rating: briefing.care_rating,
                title: &briefing.title,
            }
        })
        .collect();
    let [first, .., last] = points.as_slice() else {
        return String::new();
    };
    // Many points get smaller dots and thinner lines (the `dense` class), so they stay apart.
    let (class, radius) = match points.len() {
        0..=20 => ("chart", 4.5),
        21..=60 => ("chart dense", 3.5),
        _ => ("chart dense", 2.5),
    };
    let mut svg = String::with_capacity(600 + points.len() * 120);
    let _ = write!(
        svg,
        "<svg class=\"{class}\" role=\"img\" aria-labelledby=\"chart_title chart_desc\" \
         width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\">\
         <title id=\"chart_title\">Care rating of {}, {} briefings</title>\
         <desc id=\"chart_desc\">{}</desc>",
        escape(&person.name),
        points.len(),
        escape(&describe(&points)),
    );
    draw_axes(&mut svg, &first.date, &last.date);
    draw_points(&mut svg, &points, radius);
    svg.push_str("</svg>");
    svg
}

/// The line through the points and a dot with a tooltip for each.
fn draw_points(svg: &mut String, points: &[Point], radius: f64) {
    let xs = x_positions(points);
    svg.push_str("<polyline class=\"chart-line\" fill=\"none\" points=\"");
    for (i, (x, point)) in xs.iter().zip(points).enumerate() {
        let sep = if i == 0 { "" } else { " " };
        let _ = write!(svg, "{sep}{},{}", Tenths(*x), Tenths(y(point.rating)));
    }
    svg.push_str("\"/>");
    for (x, point) in xs.iter().zip(points) {
        let _ = write!(
            svg,
            "<circle class=\"chart-point\" cx=\"{}\" cy=\"{}\" r=\"{radius}\">\
             <title>{}: {}, {}/10</title></circle>",
            Tenths(*x),
            Tenths(y(point.rating)),
            point.date,
            escape(point.title),
            point.rating,
        );
    }
}

/// Grid lines at 0, 5 and 10 with their labels, and the first and last dates under the plot.
fn draw_axes(svg: &mut String, first: &str, last: &str) {
    for rating in [0, 5, 10] {
        let y = y(rating);
        let _ = write!(
            svg,
            "<line class=\"chart-grid\" x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\"/>\
             <text class=\"chart-label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{rating}</text>",
            WIDTH - RIGHT,
            LEFT - 8.0,
            y + 4.0,
        );
    }
    let baseline = HEIGHT - 8.0;
    let _ = write!(
        svg,
        "<text class=\"chart-label\" x=\"{LEFT}\" y=\"{baseline}\">{first}</text>"
    );
    if last != first {
        let _ = write!(
            svg,
            "<text class=\"chart-label\" x=\"{}\" y=\"{baseline}\" text-anchor=\"end\">{last}</text>",
            WIDTH - RIGHT
        );
    }
}

/// Where each point sits across (there are at least two): by date when the dates differ, else
/// evenly.
fn x_positions(points: &[Point]) -> Vec<f64> {
    let (left, span) = (LEFT + 8.0, WIDTH - RIGHT - LEFT - 16.0);
    let (first, last) = (points[0].day, points[points.len() - 1].day);
    if last > first {
        let days = f64::from(last - first);
        return points
            .iter()
            .map(|p| left + span * f64::from(p.day - first) / days)
            .collect();
    }
    let steps = (points.len() - 1) as f64;
    (0..points.len())
        .map(|i| left + span * i as f64 / steps)
        .collect()
}

fn y(rating: u8) -> f64 {
    let height = HEIGHT - TOP - BOTTOM;
    TOP + height * f64::from(10 - rating.min(10)) / 10.0
}

/// One sentence for screen readers: the range of dates and ratings, and where the detail is.
fn describe(points: &[Point]) -> String {
    let (first, last) = (&points[0], &points[points.len() - 1]);
    let low = points.iter().map(|p| p.rating).min().unwrap_or(0);
    let high = points.iter().map(|p| p.rating).max().unwrap_or(0);
    format!(
        "From {} ({}/10) to {} ({}/10); lowest {low}/10, highest {high}/10. \
         The table below lists every briefing and its rating.",
        first.date, first.rating, last.date, last.rating
    )
}

/// A coordinate with one decimal (`312.0`), printed from whole tenths: the same bytes on every
/// machine, and much cheaper than float formatting for charts of hundreds of points.
struct Tenths(f64);

impl std::fmt::Display for Tenths {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let tenths = (self.0 * 10.0).round() as i64;
        write!(f, "{}.{}", tenths / 10, tenths % 10)
    }
}

/// Days since 1970-01-01, to place dates on a line.
fn day_number(date: jiff::civil::Date) -> i32 {
    let epoch = jiff::civil::date(1970, 1, 1);
    (date - epoch).get_days()
}

#[cfg(test)]
mod tests {
    use super::Tenths;

    #[test]
    fn coordinates_print_with_one_decimal() {
        let print = |x: f64| Tenths(x).to_string();
        assert_eq!(print(312.0), "312.0");
        assert_eq!(print(53.400000000000006), "53.4");
        assert_eq!(print(0.96), "1.0");
        assert_eq!(print(44.04), "44.0");
    }
}
