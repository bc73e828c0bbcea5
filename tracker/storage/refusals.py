"""How SQLite's refusals of a write are told to the user: which rule, in their language."""

from __future__ import annotations

import sqlite3

from tracker.domain import ValidationError
from tracker.messages import text


def conflict_message(current: object | None) -> str:
    """Why an edit of a row was refused: someone deleted (``current`` None) or changed it."""
    if current is None:
        return text("这一行已被其他窗口或程序删除。",
                    "This row was deleted in another window or program.")
    return text("这一行已被其他窗口或程序修改，您的修改未保存；下面是最新的值。",
                "This row was changed in another window or program, so your edit was not "
                "saved; the newer values are shown.")


def integrity_error(exc: sqlite3.IntegrityError) -> ValidationError:
    """The rule a single row's write broke."""
    message = str(exc)
    if "UNIQUE" in message and "targets.name" in message:
        return ValidationError(text("已有同名指标。", "A target with this name already exists."),
                               "name")
    if "UNIQUE" in message and "measurements" in message:
        return ValidationError(
            text("该指标在这一日期已有数据。", "This target already has a figure for that date."),
            "as_of",
        )
    if "FOREIGN KEY" in message:
        return ValidationError(text("指标不存在。", "The target does not exist."), "target_id")
    return ValidationError(text(f"数据不符合规则：{message}", f"The data breaks a rule: {message}"))


def bulk_integrity_error(exc: sqlite3.IntegrityError) -> ValidationError:
    """The rule an import's figures broke at writing, though its preview had passed them."""
    message = str(exc)
    if "UNIQUE" in message:
        return ValidationError(text(
            "文件中的部分数据在数据库中已存在（可能刚被其他人录入），请重新预览后再导入。",
            "Some figures of the file are already in the database (perhaps just entered by "
            "someone else); preview the file again, then import."), "as_of")
    if "FOREIGN KEY" in message:
        return ValidationError(text("文件涉及的指标已被删除，请重新预览后再导入。",
                                    "A target of the file was deleted; preview it again."),
                               "target_id")
    return ValidationError(text(f"数据不符合规则：{message}", f"The data breaks a rule: {message}"))
