//! `Events`: a client of the server's `/__brief/events` stream, as an open tab is: it reads
//! the events (`reload`, `styles`, `problems`) as they come and keeps every one it has seen.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use super::http::{find, parse_reply};
use super::serve::WAIT;

/// An open `/__brief/events` stream, read as a browser tab would.
pub struct Events {
    stream: TcpStream,
    buffer: Vec<u8>,
    /// Every event read so far: (name, data).
    pub seen: Vec<(String, String)>,
}

impl Events {
    pub fn open(port: u16, since: u64) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream
            .write_all(
                format!("GET /__brief/events?since={since} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .as_bytes(),
            )
            .unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        let mut events = Events {
            stream,
            buffer: Vec::new(),
            seen: Vec::new(),
        };
        let until = Instant::now() + WAIT;
        let end = loop {
            if let Some(end) = find(&events.buffer, b"\r\n\r\n") {
                break end;
            }
            assert!(
                events.fill(until),
                "the event stream sent no header within {WAIT:?}"
            );
        };
        let head = parse_reply(&events.buffer[..end + 4]).unwrap();
        assert_eq!(head.status, 200, "{head:?}");
        assert_eq!(head.content_type(), "text/event-stream", "{head:?}");
        events.buffer.drain(..end + 4);
        events
    }

    /// Reads more; false once `until` has passed.
    fn fill(&mut self, until: Instant) -> bool {
        if Instant::now() >= until {
            return false;
        }
        let mut chunk = [0; 8192];
        match self.stream.read(&mut chunk) {
            Ok(0) => panic!(
                "the server closed the event stream; events: {:?}",
                self.seen
            ),
            Ok(n) => self.buffer.extend_from_slice(&chunk[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(e) => panic!("reading the event stream: {e}"),
        }
        true
    }

    /// The next event (comments skipped), or `None` once `until` has passed.
    pub fn next_event(&mut self, until: Instant) -> Option<(String, String)> {
        loop {
            while let Some(end) = find(&self.buffer, b"\n\n") {
                let block = String::from_utf8_lossy(&self.buffer[..end]).into_owned();
                self.buffer.drain(..end + 2);
                let mut name = None;
                let mut data: Vec<&str> = Vec::new();
                for line in block.lines() {
                    if let Some(value) = line.strip_prefix("event:") {
                        name = Some(value.trim().to_owned());
                    } else if let Some(value) = line.strip_prefix("data:") {
                        data.push(value.strip_prefix(' ').unwrap_or(value));
                    }
                }
                if name.is_none() && data.is_empty() {
                    continue; // a comment: the server saying it is alive
                }
                let event = (name.unwrap_or_else(|| "message".into()), data.join("\n"));
                self.seen.push(event.clone());
                return Some(event);
            }
            if !self.fill(until) {
                return None;
            }
        }
    }

    /// Reads events until one named `name` whose data passes `accept`; returns its data.
    pub fn wait_for(&mut self, name: &str, accept: impl Fn(&str) -> bool) -> String {
        let until = Instant::now() + WAIT;
        while let Some((event, data)) = self.next_event(until) {
            if event == name && accept(&data) {
                return data;
            }
        }
        panic!(
            "no matching `{name}` event within {WAIT:?}; events seen: {:?}",
            self.seen
        );
    }

    /// The events that arrive within `time`.
    pub fn during(&mut self, time: Duration) -> Vec<(String, String)> {
        let until = Instant::now() + time;
        let mut events = Vec::new();
        while let Some(event) = self.next_event(until) {
            events.push(event);
        }
        events
    }
}
