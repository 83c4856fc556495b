//! Helpers shared by the integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The crate root (where `corpus/` and `queries/` live).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the `isnad` binary in `dir` with `args`.
pub fn isnad(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_isnad"))
        .current_dir(dir)
        .env_remove("ISNAD_STORE")
        .args(args)
        .output()
        .expect("the isnad binary runs")
}

/// The standard output of a command that must have succeeded (else a failure showing
/// both outputs).
pub fn ok(out: &Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what} failed ({}):\n{}\n{}",
        out.status,
        stdout(out),
        stderr(out)
    );
    stdout(out)
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Copies the bundled corpus into `dir/corpus`, optionally in another file order (names
/// are kept; only the order files are written in changes).
pub fn copy_corpus(dir: &Path) -> PathBuf {
    let target = dir.join("corpus");
    std::fs::create_dir_all(&target).unwrap();
    for entry in std::fs::read_dir(root().join("corpus")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, target.join(path.file_name().unwrap())).unwrap();
    }
    target
}

/// A JSONL corpus of `n` articles made from the seed bodies, each with its own url.
pub fn feed(dir: &Path, n: usize) -> PathBuf {
    let mut bodies = Vec::new();
    for entry in std::fs::read_dir(root().join("corpus")).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "txt") {
            bodies.push(std::fs::read_to_string(p).unwrap());
        }
    }
    bodies.sort();
    let path = dir.join("feed.jsonl");
    let mut f = std::fs::File::create(&path).unwrap();
    for i in 0..n {
        let body = &bodies[i % bodies.len()];
        let record = serde_json::json!({
            "title": format!("خبر رقم {i}"),
            "content": format!("{body}\nوذكر التقرير رقم {i}."),
            "url": format!("https://example.org/news/{i}"),
            "date": format!("2023-09-{:02}", 1 + i % 28),
            "source": "test",
        });
        std::io::Write::write_fmt(&mut f, format_args!("{record}\n")).unwrap();
    }
    path
}

/// Parses CSV text into rows.
pub fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// An `isnad serve` child process, killed when dropped.
pub struct Server {
    /// The process.
    pub child: Child,
    /// The loopback port it listens on.
    pub port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `isnad serve` on `store` on a free loopback port with extra arguments, and waits
/// until it accepts connections.
pub fn serve(store: &Path, args: &[&str]) -> Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_isnad"))
        .args(["--store", store.to_str().unwrap(), "serve", "--bind"])
        .arg(format!("127.0.0.1:{port}"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Server { child, port }
}

/// A throwaway Virtuoso Open Source server (tests/virtuoso/start) on free loopback ports,
/// its database in a temporary folder; stopped and removed when dropped.
pub struct Virtuoso {
    dir: tempfile::TempDir,
    /// Base URL (`http://127.0.0.1:PORT`).
    pub base: String,
}

impl Virtuoso {
    /// Starts one, or returns `None` with the reason printed when Virtuoso is not
    /// installed. Under `CI=true` a missing Virtuoso is a failure, not a skip.
    pub fn start(test: &str) -> Option<Self> {
        Self::start_with(test, &[])
    }

    /// [`Virtuoso::start`] with settings of tests/virtuoso/start in the environment
    /// (ISNAD_VIRTUOSO_MAX_ROWS, ISNAD_VIRTUOSO_BUFFERS).
    pub fn start_with(test: &str, env: &[(&str, &str)]) -> Option<Self> {
        let installed = Command::new("sh")
            .args(["-c", "command -v virtuoso-t"])
            .output()
            .is_ok_and(|o| o.status.success());
        if !installed {
            let reason = "virtuoso-t not found (apt-get install virtuoso-opensource)";
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("{test}: {reason}, and CI=true makes that a failure");
            }
            // Written to stderr directly, not through the test harness's capture, so the
            // reason shows in a plain `cargo test`.
            let _ = std::io::Write::write_all(
                &mut std::io::stderr(),
                format!("skipped {test}: {reason}\n").as_bytes(),
            );
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let out = Command::new(root().join("tests/virtuoso/start"))
            .envs(env.iter().copied())
            .arg(dir.path().join("v"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "Virtuoso did not start: {}",
            stderr(&out)
        );
        let text = stdout(&out);
        let base = text
            .lines()
            .find_map(|l| l.strip_prefix("ISNAD_TEST_VIRTUOSO="))
            .expect("the start script prints the URL")
            .to_owned();
        Some(Self { dir, base })
    }

    /// The authenticated SPARQL endpoint (Digest; its Graph Store endpoint is derived).
    pub fn sparql(&self) -> String {
        format!("{}/sparql-auth", self.base)
    }

    /// The folder the server runs in (`db/` holds its files, `db/virtuoso.lck` its pid).
    pub fn dir(&self) -> PathBuf {
        self.dir.path().join("v")
    }

    /// Kills the server with SIGKILL (no checkpoint, no clean shutdown).
    pub fn kill(&self) {
        let lock = std::fs::read_to_string(self.dir().join("db/virtuoso.lck")).unwrap();
        let pid = lock.trim().trim_start_matches("VIRT_PID=").to_owned();
        Command::new("kill").args(["-KILL", &pid]).status().unwrap();
        std::thread::sleep(Duration::from_millis(500));
    }

    /// Starts the server again on the same database and ports, after [`Virtuoso::kill`].
    pub fn restart(&self) {
        let _ = std::fs::remove_file(self.dir().join("db/virtuoso.lck"));
        let status = Command::new("virtuoso-t")
            .current_dir(self.dir().join("db"))
            .args([
                "+configfile",
                &self.dir().join("virtuoso.ini").to_string_lossy(),
                "+wait",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "Virtuoso did not restart");
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(120) {
            if std::net::TcpStream::connect(self.base.trim_start_matches("http://")).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        panic!("Virtuoso did not answer after a restart");
    }

    /// `isnad` with the store in this server, credentials set.
    pub fn isnad(&self, dir: &Path, args: &[&str]) -> Output {
        self.isnad_as(dir, args, "dba", "dba")
    }

    /// `isnad` with the store in this server and the given credentials.
    pub fn isnad_as(&self, dir: &Path, args: &[&str], user: &str, password: &str) -> Output {
        Command::new(env!("CARGO_BIN_EXE_isnad"))
            .current_dir(dir)
            .env("ISNAD_STORE", self.sparql())
            .env("ISNAD_REMOTE_USER", user)
            .env("ISNAD_REMOTE_PASSWORD", password)
            .env("ISNAD_REMOTE_ATTEMPTS", "2")
            .args(args)
            .output()
            .expect("the isnad binary runs")
    }
}

impl Drop for Virtuoso {
    fn drop(&mut self) {
        let _ = Command::new(root().join("tests/virtuoso/stop"))
            .arg(self.dir())
            .status();
    }
}
