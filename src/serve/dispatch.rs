//! Taking requests from tiny_http and answering each on a thread of its own, so that a tab
//! that stops reading (or an event stream that never ends) holds up nobody else; with a cap
//! on those threads, and a new tiny_http server on the same socket whenever the last one has
//! stopped accepting. Past the cap, or when no thread can be made, a request is answered at
//! once that the server is busy: refused, never a crash.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use tiny_http::Request;

use super::http::{self, Listening};
use super::listener::Listener;
use super::preview::Preview;

/// At most this many requests are answered at once (open event streams included); the next
/// is told to come back. Tabs' event streams and quick answers are far fewer in practice.
pub(super) const MAX_ANSWERS: usize = 1024;
/// How often to look whether tiny_http still accepts, while no request comes.
const CHECK: Duration = Duration::from_secs(1);
/// How long to wait before a new tiny_http server, after one stopped: the file descriptors it
/// ran out of are freed as idle connections time out.
const RETRY: Duration = Duration::from_millis(500);

/// What every answering thread shares.
#[derive(Clone)]
struct Answering {
    preview: Arc<Preview>,
    listening: Listening,
    /// Requests being answered now.
    busy: Arc<AtomicUsize>,
}

/// Takes requests from `server`, and from its successors on `listener`, for as long as the
/// process runs.
pub(super) fn spawn(
    mut listener: Listener,
    mut server: tiny_http::Server,
    preview: &Arc<Preview>,
    listening: Listening,
) {
    let answering = Answering {
        preview: Arc::clone(preview),
        listening,
        busy: Arc::default(),
    };
    std::thread::spawn(move || {
        loop {
            take_requests(&server, &listener, &answering);
            let next = loop {
                std::thread::sleep(RETRY);
                if let Ok(next) = listener.serve() {
                    break next;
                }
            };
            // Dropped only now: tiny_http's drop connects to its own address to wake its accept
            // thread, and waits for the connection; with nobody accepting and the kernel's queue
            // full, that took minutes. Requests of connections the old one had accepted may
            // still come; they get an empty 500 from tiny_http when its queue goes.
            drop(std::mem::replace(&mut server, next));
        }
    });
}

/// Answers the requests `server` gives until it has stopped accepting connections.
fn take_requests(server: &tiny_http::Server, listener: &Listener, answering: &Answering) {
    let mut checked = Instant::now();
    loop {
        match server.recv_timeout(CHECK) {
            Ok(Some(request)) => answer(request, answering),
            Ok(None) => {}
            // An accept error: tiny_http's accept thread has ended.
            Err(_) => return,
        }
        if checked.elapsed() >= CHECK {
            if listener.stopped() {
                return;
            }
            checked = Instant::now();
        }
    }
}

/// Answers `request` on a thread of its own, or, past [`MAX_ANSWERS`] or when no thread can
/// be made, at once with "busy".
fn answer(request: Request, answering: &Answering) {
    if answering.busy.load(Ordering::Acquire) >= MAX_ANSWERS {
        http::busy(request);
        return;
    }
    let count = Count::new(&answering.busy);
    // The thread takes the request from here; if it cannot be made, we take it back.
    let slot = Arc::new(Mutex::new(Some(request)));
    let (theirs, shared) = (Arc::clone(&slot), answering.clone());
    let spawned = std::thread::Builder::new().spawn(move || {
        let _count = count;
        if let Some(request) = take(&theirs) {
            http::answer(request, &shared.preview, &shared.listening);
        }
    });
    if spawned.is_err()
        && let Some(request) = take(&slot)
    {
        http::busy(request);
    }
}

fn take(slot: &Mutex<Option<Request>>) -> Option<Request> {
    slot.lock().unwrap_or_else(PoisonError::into_inner).take()
}

/// One request being answered, counted for as long as it lives.
struct Count(Arc<AtomicUsize>);

impl Count {
    fn new(busy: &Arc<AtomicUsize>) -> Count {
        busy.fetch_add(1, Ordering::AcqRel);
        Count(Arc::clone(busy))
    }
}

impl Drop for Count {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}
