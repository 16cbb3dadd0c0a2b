//! A private Postgres cluster from the system's binaries (Debian's postgresql-15), kept in
//! a data directory of the project: listening on a Unix socket in that directory and on a
//! loopback TCP port so that `psql` works. Run as the `postgres` OS user when we are root,
//! since `initdb` refuses to run as root.

use std::{
    net::TcpListener,
    os::unix::process::CommandExt,
    path::{Path, PathBuf},
    process::Command,
};

use anyhow::{bail, Context};

/// Where to look for initdb/pg_ctl, newest first; `PG_BIN_DIR` overrides.
const PG_BIN_CANDIDATES: &[&str] =
    &["/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin"];

/// The bootstrap superuser, as in Supabase's image.
pub const SUPERUSER: &str = "supabase_admin";

#[derive(Debug)]
pub struct Cluster {
    bin_dir: PathBuf,
    data_dir: PathBuf,
    pub socket_dir: PathBuf,
    pub port: u16,
    as_postgres_user: bool,
}

impl Cluster {
    /// Creates the cluster on first use, then starts it. A cluster left running by an
    /// earlier run that was killed is stopped and started again.
    pub fn start(root: &Path, port: u16) -> anyhow::Result<Cluster> {
        Cluster::open(root, port, false)
    }

    /// Like [`Cluster::start`], but a cluster already running there on `port` is used as it
    /// is (the test harness keeps one between runs).
    pub fn start_or_reuse(root: &Path, port: u16) -> anyhow::Result<Cluster> {
        Cluster::open(root, port, true)
    }

    fn open(root: &Path, port: u16, reuse: bool) -> anyhow::Result<Cluster> {
        let bin_dir = find_bin_dir()?;
        let as_postgres_user = is_root();
        let root = absolute(root)?;
        let cluster =
            Cluster { bin_dir, data_dir: root.join("pgdata"), socket_dir: root.join("run"), port, as_postgres_user };
        for dir in [&cluster.socket_dir, &cluster.data_dir] {
            std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
            if as_postgres_user {
                chown_to_postgres(dir)?;
            }
        }
        if !cluster.data_dir.join("PG_VERSION").exists() {
            cluster.initdb()?;
        }
        if cluster.is_running() {
            if reuse && cluster.socket_dir.join(format!(".s.PGSQL.{port}")).exists() {
                return Ok(cluster);
            }
            cluster.stop()?;
        }
        if TcpListener::bind(("127.0.0.1", port)).is_err() {
            bail!("port {port} is already in use: stop what uses it, or choose another database port with --db-port");
        }
        cluster.pg_ctl_start()?;
        Ok(cluster)
    }

    fn initdb(&self) -> anyhow::Result<()> {
        self.run(
            "initdb",
            &[
                "-D",
                path_str(&self.data_dir)?,
                "-U",
                SUPERUSER,
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
        )
        .context("initdb failed")
    }

    fn pg_ctl_start(&self) -> anyhow::Result<()> {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off \
             -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB",
            self.port,
            path_str(&self.socket_dir)?
        );
        let log = self.socket_dir.join("postgres.log");
        self.run(
            "pg_ctl",
            &["-D", path_str(&self.data_dir)?, "-l", path_str(&log)?, "-w", "-t", "60", "-o", &options, "start"],
        )
        .with_context(|| format!("Postgres did not start; see {}", log.display()))
    }

    fn is_running(&self) -> bool {
        path_str(&self.data_dir)
            .ok()
            .map(|d| self.command("pg_ctl", &["-D", d, "status"]).output().is_ok_and(|o| o.status.success()))
            .unwrap_or(false)
    }

    /// Stops the cluster cleanly (fast shutdown: running transactions are rolled back).
    pub fn stop(&self) -> anyhow::Result<()> {
        self.run("pg_ctl", &["-D", path_str(&self.data_dir)?, "-m", "fast", "-w", "stop"]).context("pg_ctl stop failed")
    }

    /// A libpq URL to `database` as `user` over the Unix socket.
    pub fn url(&self, user: &str, database: &str) -> String {
        format!("postgresql://{user}@localhost/{database}?host={}&port={}", self.socket_dir.display(), self.port)
    }

    /// The address a person types into psql.
    pub fn tcp_url(&self, user: &str, database: &str) -> String {
        format!("postgresql://{user}@127.0.0.1:{}/{database}", self.port)
    }

    fn command(&self, program: &str, args: &[&str]) -> Command {
        let binary = self.bin_dir.join(program);
        let mut cmd = if self.as_postgres_user {
            let mut cmd = Command::new("runuser");
            cmd.args(["-u", "postgres", "--"]).arg(binary);
            cmd
        } else {
            Command::new(binary)
        };
        cmd.args(args);
        // A process group of its own, so the Ctrl-C a terminal sends to us does not reach
        // Postgres: we stop it ourselves, cleanly, after the server has finished.
        cmd.process_group(0);
        cmd
    }

    fn run(&self, program: &str, args: &[&str]) -> anyhow::Result<()> {
        let output =
            self.command(program, args).current_dir("/").output().with_context(|| format!("cannot run {program}"))?;
        if !output.status.success() {
            bail!("{program} exited with {}: {}", output.status, String::from_utf8_lossy(&output.stderr).trim());
        }
        Ok(())
    }
}

fn find_bin_dir() -> anyhow::Result<PathBuf> {
    let has_binaries = |dir: &PathBuf| dir.join("initdb").exists() && dir.join("pg_ctl").exists();
    if let Some(dir) = std::env::var_os("PG_BIN_DIR") {
        let dir = PathBuf::from(dir);
        if has_binaries(&dir) {
            return Ok(dir);
        }
        bail!("PG_BIN_DIR={} has no initdb and pg_ctl: point it at PostgreSQL's bin directory", dir.display());
    }
    PG_BIN_CANDIDATES.iter().map(PathBuf::from).find(has_binaries).context(
        "PostgreSQL server binaries not found: install them with `sudo apt-get install postgresql-15` \
             (or set PG_BIN_DIR), or run scripts/dev which does it for you",
    )
}

pub fn is_root() -> bool {
    // geteuid has no preconditions and cannot fail.
    #[allow(unsafe_code)]
    unsafe {
        libc::geteuid() == 0
    }
}

fn chown_to_postgres(dir: &Path) -> anyhow::Result<()> {
    let status =
        Command::new("chown").args(["-R", "postgres:postgres"]).arg(dir).status().context("cannot run chown")?;
    if !status.success() {
        bail!("cannot give {} to the postgres OS user (is the postgresql package installed?)", dir.display());
    }
    Ok(())
}

fn absolute(path: &Path) -> anyhow::Result<PathBuf> {
    std::fs::create_dir_all(path).with_context(|| format!("cannot create {}", path.display()))?;
    path.canonicalize().with_context(|| format!("cannot resolve {}", path.display()))
}

fn path_str(path: &Path) -> anyhow::Result<&str> {
    path.to_str().with_context(|| format!("path is not UTF-8: {}", path.display()))
}
