//! The socket tiny_http listens on, and two fixes for tiny_http 0.12 made from outside it:
//! Nagle's algorithm off (40 ms less per request), and a pool that never leaves a connection
//! queued behind idle ones.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

/// Listens on `address` for tiny_http, with Nagle's algorithm off for every connection (Linux
/// gives accepted sockets the listener's setting). tiny_http writes a response's head and its
/// body apart; with Nagle on, the body then waited for the browser's delayed acknowledgement of
/// the head, 40 ms for every request on a kept-alive connection.
pub(super) fn listen(address: SocketAddr) -> Result<tiny_http::Server, String> {
    let listener = TcpListener::bind(address).map_err(|e| e.to_string())?;
    tiny_http::Server::from_listener(without_nagle(listener), None).map_err(|e| e.to_string())
}

#[cfg(unix)]
fn without_nagle(listener: TcpListener) -> TcpListener {
    use std::os::fd::OwnedFd;
    // The standard library sets TCP_NODELAY on streams only; the option is the socket's.
    let socket = TcpStream::from(OwnedFd::from(listener));
    let _ = socket.set_nodelay(true);
    TcpListener::from(OwnedFd::from(socket))
}

#[cfg(not(unix))]
fn without_nagle(listener: TcpListener) -> TcpListener {
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
