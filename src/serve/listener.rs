//! The socket tiny_http listens on, and what we do for tiny_http 0.12 from outside it: Nagle's
//! algorithm off (40 ms less per request), timeouts for connections that say nothing or stop
//! reading, a pool that never leaves a connection queued behind idle ones, and a new tiny_http
//! server on the same socket when the last one has stopped accepting.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

/// How long a connection may send nothing (before its request, between kept-alive requests, or
/// in the middle of a request line) before it is closed. tiny_http gives every connection a
/// thread and two file descriptors until it closes: this frees them. An event stream is not
/// cut: it is written, not read, and the read that times out is tiny_http's wait for a next
/// request on that connection, which never comes.
pub(super) const IDLE: Duration = Duration::from_secs(10);
/// How long a write may wait for a reader that has stopped reading (a download or an event
/// stream whose tab is frozen) before the connection is given up.
pub(super) const STUCK: Duration = Duration::from_secs(30);

/// The listening socket, kept open by us while tiny_http servers come and go on it: while
/// none accepts, new connections wait in the kernel's queue instead of being refused.
pub(super) struct Listener {
    socket: TcpListener,
    /// What `/proc/self/fd` says of the copy the running tiny_http server owns.
    given: Option<(String, std::path::PathBuf)>,
}

impl Listener {
    /// Listens on `address`, with the options every accepted connection inherits on Linux
    /// (checked by experiment: `TCP_NODELAY`, `SO_RCVTIMEO`, `SO_SNDTIMEO`).
    pub(super) fn bind(address: SocketAddr) -> Result<Listener, String> {
        let socket = TcpListener::bind(address).map_err(|e| e.to_string())?;
        Ok(Listener {
            socket: with_options(socket),
            given: None,
        })
    }

    pub(super) fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.socket.local_addr()
    }

    /// A tiny_http server accepting on a copy of the socket.
    pub(super) fn serve(&mut self) -> Result<tiny_http::Server, String> {
        let copy = self.socket.try_clone().map_err(|e| e.to_string())?;
        self.given = fd_identity(&copy);
        tiny_http::Server::from_listener(copy, None).map_err(|e| e.to_string())
    }

    /// Whether tiny_http's accept thread has ended: it owns its copy of the socket, which it
    /// closes as it ends, after an accept error or a panic (tiny_http 0.12 unwraps the `dup`
    /// of each accepted connection, which fails once file descriptors run out). Its `recv`
    /// would then wait forever. Known on Linux only; elsewhere, an accept error still shows.
    pub(super) fn stopped(&self) -> bool {
        self.given.as_ref().is_some_and(|(socket, fd)| {
            std::fs::read_link(fd).ok().as_deref() != Some(socket.as_ref())
        })
    }
}

/// The socket's inode as `/proc/self/fd` names it (`socket:[1234]`), and the link to read it
/// from again: while the copy is open, the link names the same socket; once it is closed, its
/// number names another file or none. Only we make copies of the socket, one per server.
#[cfg(target_os = "linux")]
fn fd_identity(copy: &TcpListener) -> Option<(String, std::path::PathBuf)> {
    use std::os::fd::AsRawFd;
    let link = std::path::PathBuf::from(format!("/proc/self/fd/{}", copy.as_raw_fd()));
    let socket = std::fs::read_link(&link)
        .ok()?
        .to_string_lossy()
        .into_owned();
    Some((socket, link))
}

#[cfg(not(target_os = "linux"))]
fn fd_identity(_: &TcpListener) -> Option<(String, std::path::PathBuf)> {
    None
}

/// tiny_http writes a response's head and its body apart; with Nagle on, the body then waited
/// for the browser's delayed acknowledgement of the head, 40 ms for every request on a
/// kept-alive connection. tiny_http sets no timeouts of its own: see [`IDLE`] and [`STUCK`].
#[cfg(unix)]
fn with_options(listener: TcpListener) -> TcpListener {
    use std::os::fd::OwnedFd;
    // The standard library sets these on streams only; the options are the socket's.
    let socket = TcpStream::from(OwnedFd::from(listener));
    let _ = socket.set_nodelay(true);
    let _ = socket.set_read_timeout(Some(IDLE));
    let _ = socket.set_write_timeout(Some(STUCK));
    TcpListener::from(OwnedFd::from(socket))
}

#[cfg(not(unix))]
fn with_options(listener: TcpListener) -> TcpListener {
    listener
}

/// How often [`keep_pool_moving`] frees a thread of tiny_http's pool.
const KICK: Duration = Duration::from_millis(100);

/// Works around a stall in tiny_http 0.12's connection pool. Each new connection is queued for
/// a pool thread, but the pool counts a thread as idle until it has woken up: of several
/// connections arriving together, one may be queued with no thread to take it, behind threads
/// blocked reading connections that never send (a browser's preconnects), and wait there until
/// some thread is free. A connection that closes at once frees one: the pool gives it a thread
/// (or an idle one), which then takes the next connection waiting in the queue. So, as long as
/// the server runs, one such connection every [`KICK`].
pub(super) fn keep_pool_moving(address: SocketAddr) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(KICK);
            let _ = TcpStream::connect_timeout(&address, Duration::from_secs(1));
        }
    });
}
