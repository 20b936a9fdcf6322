//! A site's links renumbered: what relinking after an edit (in `serve`, see
//! `rebuild::relink`) hands the site, which applies it in place and keeps the way back.

use super::site::Links;
use super::{Briefing, BriefingId, Site};

/// Links of a site's briefings, renumbered: each old id's new one (`usize::MAX` for none).
#[derive(Debug)]
pub(crate) struct Renumbering {
    pub people: Vec<usize>,
    pub tags: Vec<usize>,
    pub nationalities: Vec<usize>,
    /// Briefings with links of their own (new ids), and their ages.
    pub own: Vec<(BriefingId, Links, u32)>,
}

impl Renumbering {
    /// Renumbers `briefings` in place and gives the edited ones their own links; returns what
    /// undoes that. `counts` are how many people, tags and nationalities there are now.
    pub(crate) fn apply(
        mut self,
        briefings: &mut [Briefing],
        counts: (usize, usize, usize),
    ) -> Renumbering {
        let owns = |id: BriefingId| self.own.iter().any(|(own, ..)| *own == id);
        for (_, briefing) in (briefings.iter_mut().enumerate()).filter(|(id, _)| !owns(*id)) {
            briefing.subject = self.people[briefing.subject];
            renumber(&mut briefing.who_else_cares, &self.people);
            renumber(&mut briefing.tags, &self.tags);
            renumber(&mut briefing.nationality, &self.nationalities);
        }
        for (id, links, age) in &mut self.own {
            let briefing = &mut briefings[*id];
            let old = Links::of(briefing);
            std::mem::replace(links, old).put_in(briefing);
            std::mem::swap(age, &mut briefing.age);
        }
        Renumbering {
            people: inverse(&self.people, counts.0),
            tags: inverse(&self.tags, counts.1),
            nationalities: inverse(&self.nationalities, counts.2),
            own: self.own,
        }
    }

    /// Briefing `id`'s links and age once `site` takes this renumbering.
    pub(crate) fn links_of(&self, site: &Site, id: BriefingId) -> (Links, u32) {
        if self.own.iter().any(|(own, ..)| *own == id) {
            return self.links_of_own(id);
        }
        let briefing = &site.briefings[id];
        let mut links = Links {
            subject: self.people[briefing.subject],
            who_else_cares: briefing.who_else_cares.clone(),
            nationality: briefing.nationality.clone(),
            tags: briefing.tags.clone(),
        };
        renumber(&mut links.who_else_cares, &self.people);
        renumber(&mut links.tags, &self.tags);
        renumber(&mut links.nationality, &self.nationalities);
        (links, briefing.age)
    }

    pub(crate) fn links_of_own(&self, id: BriefingId) -> (Links, u32) {
        let (_, links, age) = (self.own.iter().find(|(own, ..)| *own == id))
            .expect("only a briefing with links of its own is asked for");
        (links.clone(), *age)
    }

    /// The nationalities of briefing `id` of `site` (new ids) once it takes this renumbering.
    pub(crate) fn nationality_of(&self, site: &Site, id: BriefingId) -> Vec<usize> {
        match self.own.iter().find(|(own, ..)| *own == id) {
            Some((_, links, _)) => links.nationality.clone(),
            None => (site.briefings[id].nationality.iter())
                .map(|&n| self.nationalities[n])
                .collect(),
        }
    }
}

fn renumber(ids: &mut [usize], new: &[usize]) {
    for id in ids {
        *id = new[*id];
    }
}

/// For ids numbered `new` (old → new), the way back (new → old), over `count` new ids.
fn inverse(new: &[usize], count: usize) -> Vec<usize> {
    let mut old = vec![usize::MAX; count];
    for (id, &new) in new.iter().enumerate().filter(|(_, n)| **n != usize::MAX) {
        old[new] = id;
    }
    old
}
