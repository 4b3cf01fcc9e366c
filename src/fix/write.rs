//! Writing fixed stories without losing a word.
//!
//! Every file is planned before any is written ([`plan`]): it must be a
//! regular file (a symbolic link is followed to its target), writable and
//! not read-only, and still hold the text that was checked. Then [`commit`]
//! writes all of them or none.
//!
//! How a file is replaced, and why:
//!
//! - **By exchange** (the usual case). The fixed text goes to a temporary
//!   file beside the original (mode 0600 while written, then the
//!   original's mode, owner and group), synced. Under an advisory lock on
//!   the original (so two newslint runs never interleave), the original is
//!   read once more and must still hold what was checked. Then the two
//!   names are swapped in one step (`renameat2` with `RENAME_EXCHANGE`),
//!   and the file that was swapped out must be the original inode, still
//!   holding what was checked: an editor that saved in the meantime,
//!   whether by writing into the file or by renaming its own copy over it,
//!   shows up here, and every swap of the run is undone, so the editor's
//!   save stays and nothing is written. Only then is the old file removed.
//!   A writer that keeps the file open across the swap and writes after
//!   this last check writes into the replaced file, as with any
//!   rename-based save; the window is a few system calls.
//! - **In place**, through the same inode, when replacing the directory
//!   entry would lose something: a file with more than one hard link (the
//!   links would part), a file whose owner or group this user cannot give
//!   to a new file (a shared folder's story would change hands), or a file
//!   with extended attributes such as ACLs. The content is checked under
//!   the lock, written and synced; this is not atomic for a reader that
//!   looks during the write, which is why it is the exception.
//! - Where the file system cannot exchange names, the original is checked
//!   under the lock and the temporary file renamed over it.
//!
//! A temporary file is removed on every path out, including an interrupt
//! (SIGINT, SIGTERM, SIGHUP: see [`clean_up_on_signals`]).

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Why a fix cannot be written. Nothing is written when any file of the
/// run has one.
#[derive(Debug, thiserror::Error)]
pub enum FixError {
    #[error("{}: read-only: not fixed", path.display())]
    ReadOnly { path: PathBuf },
    #[error("{}: not a regular file: not fixed", path.display())]
    NotRegular { path: PathBuf },
    #[error("{}: changed on disk during the run: not fixed", path.display())]
    Changed { path: PathBuf },
    #[error("{}: cannot {what}: {}", path.display(), crate::base::files::reason(source))]
    Io {
        path: PathBuf,
        what: &'static str,
        source: io::Error,
    },
}

fn io_error<'a>(path: &'a Path, what: &'static str) -> impl FnOnce(io::Error) -> FixError + 'a {
    move |source| FixError::Io {
        path: path.to_path_buf(),
        what,
        source,
    }
}

/// How a planned file is replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Exchange,
    InPlace,
}

/// A file to write: where (the link's target for a symbolic link), what
/// was checked, what to write, and how.
#[derive(Debug)]
pub struct Planned {
    /// The path as the user gave it.
    pub shown: PathBuf,
    target: PathBuf,
    expected: String,
    new: String,
    method: Method,
    dev: u64,
    ino: u64,
}

impl Planned {
    pub fn method(&self) -> Method {
        self.method
    }
}

/// Checks that `path` can be fixed: it is (or links to) a regular file this
/// user may write, not read-only, still holding `expected`.
pub fn plan(path: &Path, expected: &str, new: &str) -> Result<Planned, FixError> {
    let target = path
        .canonicalize()
        .map_err(io_error(path, "find the file"))?;
    let meta = std::fs::metadata(&target).map_err(io_error(path, "read the file"))?;
    if !meta.is_file() {
        return Err(FixError::NotRegular {
            path: path.to_path_buf(),
        });
    }
    if meta.permissions().mode() & 0o222 == 0 {
        return Err(FixError::ReadOnly {
            path: path.to_path_buf(),
        });
    }
    if let Err(e) = rustix::fs::access(&target, rustix::fs::Access::WRITE_OK) {
        return Err(
            if e == rustix::io::Errno::ACCESS || e == rustix::io::Errno::ROFS {
                FixError::ReadOnly {
                    path: path.to_path_buf(),
                }
            } else {
                io_error(path, "write the file")(e.into())
            },
        );
    }
    if std::fs::read(&target).map_err(io_error(path, "read the file"))? != expected.as_bytes() {
        return Err(FixError::Changed {
            path: path.to_path_buf(),
        });
    }
    let method = if meta.nlink() > 1 || !can_give_owner(&meta) || has_xattrs(&target) {
        Method::InPlace
    } else {
        Method::Exchange
    };
    Ok(Planned {
        shown: path.to_path_buf(),
        target,
        expected: expected.to_string(),
        new: new.to_string(),
        method,
        dev: meta.dev(),
        ino: meta.ino(),
    })
}

/// Can this process give a new file `meta`'s owner and group?
fn can_give_owner(meta: &std::fs::Metadata) -> bool {
    let uid = rustix::process::geteuid();
    if uid.is_root() {
        return true;
    }
    if meta.uid() != uid.as_raw() {
        return false;
    }
    let gid = meta.gid();
    rustix::process::getegid().as_raw() == gid
        || rustix::process::getgroups().is_ok_and(|groups| groups.iter().any(|g| g.as_raw() == gid))
}

/// Extended attributes (ACLs among them) that a new file would not have.
fn has_xattrs(path: &Path) -> bool {
    rustix::fs::listxattr_query(path).is_ok_and(|n| n > 0)
}

/// A test hook: milliseconds to wait between the last check of the
/// originals and the swap, so a test can save a file in that window.
const PAUSE_ENV: &str = "NEWSLINT_TEST_PAUSE_BEFORE_WRITE_MS";

/// Writes every planned file, or none: when any original changed since it
/// was checked, the run's swaps are undone and the error names it.
pub fn commit(plans: &[Planned]) -> Result<(), FixError> {
    let mut staged: Vec<Staged> = Vec::with_capacity(plans.len());
    for p in plans {
        staged.push(Staged::prepare(p)?);
    }
    if let Some(ms) = std::env::var(PAUSE_ENV).ok().and_then(|v| v.parse().ok()) {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
    let mut done: Vec<&mut Staged> = Vec::new();
    for s in staged.iter_mut() {
        if let Err(e) = s.swap_in() {
            for d in done.iter_mut().rev() {
                d.undo();
            }
            return Err(e);
        }
        done.push(s);
    }
    for s in &staged {
        s.finish();
    }
    Ok(())
}

/// One file between its last check and its commit.
struct Staged<'p> {
    plan: &'p Planned,
    /// The original, open and locked.
    original: File,
    /// The fixed text, for an exchange.
    temp: Option<tempfile::TempPath>,
    swapped: bool,
}

impl<'p> Staged<'p> {
    /// Writes the fixed text beside the original (for an exchange), then
    /// locks the original and checks it once more.
    fn prepare(plan: &'p Planned) -> Result<Staged<'p>, FixError> {
        let path = &plan.shown;
        let temp = match plan.method {
            Method::Exchange => Some(temp_beside(plan)?),
            Method::InPlace => None,
        };
        let mut original = OpenOptions::new()
            .read(true)
            .write(true)
            .open(&plan.target)
            .map_err(io_error(path, "open the file for writing"))?;
        rustix::fs::flock(&original, rustix::fs::FlockOperation::LockExclusive)
            .map_err(|e| io_error(path, "lock the file")(e.into()))?;
        let meta = original
            .metadata()
            .map_err(io_error(path, "read the file"))?;
        if meta.dev() != plan.dev || meta.ino() != plan.ino || !holds(&mut original, &plan.expected)
        {
            return Err(FixError::Changed { path: path.clone() });
        }
        Ok(Staged {
            plan,
            original,
            temp,
            swapped: false,
        })
    }

    /// Puts the fixed text in place, checking that what it replaced is the
    /// original as checked.
    fn swap_in(&mut self) -> Result<(), FixError> {
        let path = &self.plan.shown;
        let Some(temp) = &self.temp else {
            return self.write_in_place();
        };
        match exchange(temp, &self.plan.target) {
            Ok(()) => {
                self.swapped = true;
                // The file now at the temporary name must be the original,
                // untouched since the check.
                let same_inode = std::fs::symlink_metadata(temp)
                    .is_ok_and(|m| m.dev() == self.plan.dev && m.ino() == self.plan.ino);
                if same_inode && holds(&mut self.original, &self.plan.expected) {
                    Ok(())
                } else {
                    self.undo();
                    Err(FixError::Changed { path: path.clone() })
                }
            }
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {
                // No exchange on this file system: check, then rename.
                if !holds(&mut self.original, &self.plan.expected) {
                    return Err(FixError::Changed { path: path.clone() });
                }
                std::fs::rename(temp, &self.plan.target).map_err(io_error(path, "replace the file"))
            }
            Err(e) => Err(io_error(path, "replace the file")(e.into())),
        }
    }

    fn write_in_place(&mut self) -> Result<(), FixError> {
        let path = &self.plan.shown;
        let f = &mut self.original;
        f.seek(SeekFrom::Start(0))
            .and_then(|_| f.write_all(self.plan.new.as_bytes()))
            .and_then(|()| f.set_len(self.plan.new.len() as u64))
            .and_then(|()| f.sync_all())
            .map_err(io_error(path, "write the file"))?;
        self.swapped = true;
        Ok(())
    }

    /// Puts the original back (the run is not written after all).
    fn undo(&mut self) {
        if !self.swapped {
            return;
        }
        match &self.temp {
            Some(temp) => {
                let _ = exchange(temp, &self.plan.target);
            }
            None => {
                let f = &mut self.original;
                let _ = f
                    .seek(SeekFrom::Start(0))
                    .and_then(|_| f.write_all(self.plan.expected.as_bytes()))
                    .and_then(|()| f.set_len(self.plan.expected.len() as u64))
                    .and_then(|()| f.sync_all());
            }
        }
        self.swapped = false;
    }

    /// Removes the replaced original from its temporary name.
    fn finish(&self) {
        if let Some(temp) = &self.temp {
            let _ = std::fs::remove_file(temp);
            forget_temp(temp);
        }
    }
}

/// Whether `file` holds exactly `expected`, read from its start.
fn holds(file: &mut File, expected: &str) -> bool {
    let mut now = Vec::with_capacity(expected.len());
    file.seek(SeekFrom::Start(0)).is_ok()
        && file
            .take(expected.len() as u64 + 1)
            .read_to_end(&mut now)
            .is_ok()
        && now == expected.as_bytes()
}

fn exchange(a: &Path, b: &Path) -> rustix::io::Result<()> {
    let cwd = rustix::fs::CWD;
    rustix::fs::renameat_with(cwd, a, cwd, b, rustix::fs::RenameFlags::EXCHANGE)
}

/// The fixed text in a new file beside the original: a short random name,
/// mode 0600 while it is written, then the original's mode, owner and
/// group, synced to disk.
fn temp_beside(plan: &Planned) -> Result<tempfile::TempPath, FixError> {
    let path = &plan.shown;
    let dir = plan.target.parent().unwrap_or(Path::new("."));
    let mut file = tempfile::Builder::new()
        .prefix(".nl")
        .suffix(".tmp")
        .rand_bytes(6)
        .tempfile_in(dir)
        .map_err(io_error(path, "write beside it"))?;
    remember_temp(file.path());
    let meta = std::fs::metadata(&plan.target).map_err(io_error(path, "read the file"))?;
    let write = (|| {
        file.write_all(plan.new.as_bytes())?;
        let f = file.as_file();
        rustix::fs::fchown(
            f,
            Some(rustix::fs::Uid::from_raw(meta.uid())),
            Some(rustix::fs::Gid::from_raw(meta.gid())),
        )?;
        f.set_permissions(meta.permissions())?;
        f.sync_all()
    })();
    if let Err(e) = write {
        forget_temp(file.path());
        return Err(io_error(path, "write beside it")(e));
    }
    Ok(file.into_temp_path())
}

/// Temporary files of this process that a signal must not leave behind.
static TEMPS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn remember_temp(path: &Path) {
    TEMPS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(path.to_path_buf());
}

fn forget_temp(path: &Path) {
    TEMPS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .retain(|p| p != path);
}

/// On SIGINT, SIGTERM or SIGHUP, removes this process's temporary files
/// and exits with 130. Call once, before fixing.
pub fn clean_up_on_signals() {
    let _ = ctrlc::set_handler(|| {
        for p in TEMPS.lock().unwrap_or_else(|e| e.into_inner()).drain(..) {
            let _ = std::fs::remove_file(p);
        }
        std::process::exit(130);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story(dir: &Path, name: &str, text: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    fn entries(dir: &Path) -> usize {
        std::fs::read_dir(dir).unwrap().count()
    }

    #[test]
    fn a_file_is_replaced_and_no_temporary_file_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let p = story(dir.path(), "s.txt", "The troups left.");
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        let plan = plan(&p, "The troups left.", "The troops left.").unwrap();
        assert_eq!(plan.method(), Method::Exchange);
        commit(&[plan]).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "The troops left.");
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        assert_eq!(entries(dir.path()), 1);
    }

    #[test]
    fn a_changed_file_is_refused_at_planning() {
        let dir = tempfile::tempdir().unwrap();
        let p = story(dir.path(), "s.txt", "new text");
        assert!(matches!(
            plan(&p, "old text", "fixed"),
            Err(FixError::Changed { .. })
        ));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new text");
    }

    #[test]
    fn a_symbolic_link_fixes_its_target_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let target = story(dir.path(), "real.txt", "teh end");
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        commit(&[plan(&link, "teh end", "the end").unwrap()]).unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "the end");
    }

    #[test]
    fn hard_links_stay_one_file() {
        let dir = tempfile::tempdir().unwrap();
        let a = story(dir.path(), "a.txt", "teh end");
        let b = dir.path().join("b.txt");
        std::fs::hard_link(&a, &b).unwrap();
        let plan = plan(&a, "teh end", "the end").unwrap();
        assert_eq!(plan.method(), Method::InPlace);
        commit(&[plan]).unwrap();
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "the end");
        assert_eq!(std::fs::metadata(&a).unwrap().nlink(), 2);
    }

    #[test]
    fn a_read_only_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = story(dir.path(), "s.txt", "teh end");
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o444)).unwrap();
        assert!(matches!(
            plan(&p, "teh end", "the end"),
            Err(FixError::ReadOnly { .. })
        ));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "teh end");
    }

    #[test]
    fn a_run_with_one_changed_file_writes_none() {
        let dir = tempfile::tempdir().unwrap();
        let a = story(dir.path(), "a.txt", "teh a");
        let b = story(dir.path(), "b.txt", "teh b");
        let plans = [
            plan(&a, "teh a", "the a").unwrap(),
            plan(&b, "teh b", "the b").unwrap(),
        ];
        // An editor saves b after the plan.
        std::fs::write(&b, "teh b, and more").unwrap();
        assert!(matches!(commit(&plans), Err(FixError::Changed { .. })));
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "teh a");
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "teh b, and more");
        assert_eq!(entries(dir.path()), 2);
    }

    #[test]
    fn a_very_long_name_can_be_fixed() {
        let dir = tempfile::tempdir().unwrap();
        let name = format!("{}.txt", "s".repeat(240));
        let p = story(dir.path(), &name, "teh end");
        commit(&[plan(&p, "teh end", "the end").unwrap()]).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "the end");
    }
}
