//! `brief export SLUG`: print one briefing as the house's plain-text post.

use crate::cli::ExportArgs;
use crate::error::Error;
use crate::pipeline;
use crate::render::post;

pub(super) fn run(args: ExportArgs) -> Result<(), Error> {
    // Drafts and scheduled briefings can be exported too: posting may come before publishing.
    let request = super::everything(args.root, false);
    let prepared = pipeline::prepare(&request)?;
    let site = &prepared.site;
    let slug = args.slug.trim_matches('/').trim_start_matches("briefings/");
    let Some(briefing) = site.briefings.iter().find(|b| b.slug == slug) else {
        let slugs: Vec<&str> = site.briefings.iter().map(|b| b.slug.as_str()).collect();
        let hint = match crate::front_matter::suggest(slug, &slugs) {
            Some(close) => format!("did you mean `{close}`?"),
            None => "the slug is the briefing's file name without `.md`".to_owned(),
        };
        return Err(Error::Usage(format!(
            "there is no briefing `{slug}`: {hint}"
        )));
    };
    print!("{}", post(site, briefing));
    Ok(())
}
