"""`tracker backup` and `tracker restore`: the safety net from the command line.

Restore never opens the live file, so it works when that file is damaged; the file it
replaces is moved aside, never deleted. Errors follow the CLI's rule: one line in the user's
language on stderr, exit code 2, nothing changed.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from tracker.backups import backup_folder, backup_now, backups, restore
from tracker.cli_common import Context, db_option, fail, user_errors
from tracker.messages import text
from tracker.storage.backup import BackupError, BackupInfo

EXIT_DECLINED = 1


def register(group: click.Group) -> None:
    """Add the backup and restore commands to ``group``."""
    group.add_command(backup_command)
    group.add_command(restore_command)


def local_time(info: BackupInfo) -> str:
    """When a backup was taken, in the computer's time zone, to the second."""
    return info.taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def file_size(size: int) -> str:
    """A byte count as people read it (KB and MB in powers of 1024, as file managers do)."""
    amount = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if amount < 1024 or unit == "GB":
            return f"{amount:.0f} {unit}" if unit == "B" else f"{amount:.1f} {unit}"
        amount /= 1024
    return f"{size} B"  # unreachable; keeps type checkers content


@click.command(name="backup")
@click.option("--list", "list_only", is_flag=True, help="List the backups, newest first.")
@db_option
@click.pass_obj
@user_errors
def backup_command(obj: Context, list_only: bool, db_override: Path | None) -> None:
    """Back up the database now (only if it changed since the last backup)."""
    path = obj.path(db_override)
    if list_only:
        _print_list(path)
        return
    service = obj.open(db_override, read_only=True)
    try:
        made = backup_now(service)
    except BackupError as exc:
        fail(str(exc))
        return
    finally:
        service.close()
    if made is None:
        newest = backups(path)[0]
        click.echo(text(
            f"自上次备份（{local_time(newest)}）以来数据没有变化，无需再备份：{newest.path}",
            f"Nothing changed since the last backup ({local_time(newest)}); no new backup "
            f"was needed: {newest.path}",
        ))
        return
    click.echo(text(f"已备份到 {made.path}（{file_size(made.size)}）",
                    f"Backed up to {made.path} ({file_size(made.size)})"))


def _print_list(path: Path) -> None:
    found = backups(path)
    if not found:
        click.echo(text(f"{path} 还没有备份（备份文件夹：{backup_folder(path)}）",
                        f"No backups of {path} yet (backup folder: {backup_folder(path)})"))
        return
    click.echo(text(f"{path} 的备份（最新的在前），位于 {backup_folder(path)}：",
                    f"Backups of {path}, newest first, in {backup_folder(path)}:"))
    width = max(len(file_size(b.size)) for b in found)
    for info in found:
        click.echo(f"{local_time(info)}  {file_size(info.size):>{width}}  {info.path.name}")


@click.command(name="restore")
@click.argument("backup", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--latest", is_flag=True, help="Restore the newest backup.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@db_option
@click.pass_obj
@user_errors
def restore_command(obj: Context, backup: Path | None, latest: bool, yes: bool,
                    db_override: Path | None) -> None:
    """Replace the database with BACKUP (a file or a name from `tracker backup --list`).

    The current file is moved aside, never deleted, and is never opened, so this works
    when it is damaged.
    """
    path = obj.path(db_override)
    chosen = _choose(path, backup, latest)
    if not yes:
        question = text(
            f"用 {local_time(chosen)} 的备份替换 {path}？当前文件会被移到一旁保留，不会删除。",
            f"Replace {path} with the backup of {local_time(chosen)}? The current file will "
            "be moved aside and kept, not deleted.",
        )
        if not click.confirm(question, default=False):
            click.echo(text("未做任何改动。", "Nothing was changed."), err=True)
            sys.exit(EXIT_DECLINED)
    try:
        aside = restore(path, chosen.path)
    except BackupError as exc:
        fail(str(exc))
        return
    click.echo(text(f"已用 {local_time(chosen)} 的备份恢复 {path}。",
                    f"Restored {path} from the backup of {local_time(chosen)}."))
    if aside is not None:
        click.echo(text(f"原来的文件已移到：{aside}", f"The previous file was moved to: {aside}"))
    else:
        click.echo(text("原来没有数据库文件。", "There was no previous database file."))


def _choose(path: Path, backup: Path | None, latest: bool) -> BackupInfo:
    if (backup is None) == (not latest):
        fail(text("请指定一个备份文件，或使用 --latest（二者选一）。",
                  "Name one backup file, or use --latest (not both)."))
    found = backups(path)
    if latest:
        if not found:
            fail(text(f"{path} 还没有备份（备份文件夹：{backup_folder(path)}）。",
                      f"There are no backups of {path} (backup folder: {backup_folder(path)})."))
        return found[0]
    assert backup is not None
    if backup.is_file():
        for info in found:
            if info.path.resolve() == backup.resolve():
                return info
        # A backup copied elsewhere (a USB stick) is named by the user, not by us.
        stat = backup.stat()
        return BackupInfo(backup, datetime.fromtimestamp(stat.st_mtime, UTC), "", stat.st_size)
    for info in found:
        # A bare name, as `tracker backup --list` prints it, is enough.
        if info.path.name == backup.name:
            return info
    fail(text(f"找不到备份文件：{backup}", f"No backup file at {backup}"))
    raise AssertionError("unreachable")  # fail() exits
