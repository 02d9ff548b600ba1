"""The operator pages' words in the site's language (zh-CN) and in English, and the choice
between them: ?lang=, then the cookie that choice leaves, PAPERFEED_STATUS_LANG, the
browser's Accept-Language, and zh-CN."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

from feeds.server import Request
from worker.settings import Settings

LANGS = ("zh-CN", "en")
LANG_COOKIE = "paperfeed_lang"

MESSAGES: dict[str, dict[str, str]] = {
    "zh-CN": {
        "title": "运行状态", "all_well": "一切正常", "attention": "需要处理", "checked": "检查于",
        "warnings": "提醒", "zone": "时间为 {zone}（UTC{offset}）", "refresh": "刷新",
        "updated": "更新于", "sources": "来源", "system": "系统", "none": "无。",
        "failures": "最近 24 小时的失败", "leftovers": "留在投放目录中", "issues": "最近的文件",
        "source": "来源", "on": "状态", "last_poll": "上次扫描", "last_ingest": "上次入库",
        "newest": "最新一期", "articles_24h": "24 小时文章数", "expect_by": "应到时间",
        "last_error": "上次错误", "actions": "操作", "when": "时间", "what": "对象",
        "reason": "原因", "error": "错误", "entry": "条目（原因）", "id": "编号",
        "date": "日期", "status": "状态", "articles": "文章数", "file": "文件",
        "stored": "入库时间", "gone_quiet": "未按时到达", "date_guessed": "（日期为推测）",
        "dismissed": "（已忽略）", "broker": "消息队列", "queues": "队列", "workers": "工作进程",
        "no_answer": "无应答", "unknown_workers": "未知（内置消息队列）",
        "none_answered": "无应答", "reingest": "重新入库", "reingest_all": "全部重新入库",
        "retry": "重试", "dismiss": "忽略", "retry_all": "全部重试", "dismiss_all": "全部忽略",
        "sign_in": "登录", "sign_out": "退出登录", "token": "管理令牌",
        "signed_in": "已登录（{until} 前有效）。",
        "sign_in_hint": "登录后可重新入库、重试或忽略失败。",
        "confirm": "确认", "cancel": "取消", "confirm_title": "请确认",
        "confirm_reingest_source": "将把来源 {source} 的 {count} 个文件重新入库。",
        "confirm_retry_all": "将重试 {count} 个失败的文件。",
        "confirm_dismiss_all": "将忽略 {count} 个失败。", "e_nothing": "没有可处理的项目。",
        "issue": "文件 {id}", "inputs": "输入", "pages": "版面与文件", "part": "部分",
        "page_no": "版次",
        "unassigned": "未归入文章的文字", "size": "大小", "encoding": "编码",
        "parser": "解析器版本", "received": "收到时间", "superseded_by": "已被替换为",
        "date_from": "日期来源", "attempts": "尝试次数", "kept": "保留的文件", "line": "行",
        "message": "内容", "cannot_reingest": "此文件{reason}，重新入库无济于事：请重新投放文件。",
        "back": "返回运行状态", "not_parsed": "无法解析此文件的文字：{error}",
        "no_such_issue": "没有这个文件。",
        # The messages after an action; only these fixed sentences are ever shown.
        "queued": "文件 {id} 已排队重新入库。",
        "queued_source": "{source} 的 {count} 个文件已排队重新入库。",
        "retried": "输入 {id} 已重新排队。", "dismissed_one": "失败 {id} 已忽略。",
        "retried_all": "{count} 个失败的文件已重新排队。",
        "dismissed_all": "{count} 个失败已忽略。",
        "signed_in_now": "已登录。", "signed_out": "已退出登录。",
        "e_token": "令牌错误或缺失：未执行任何操作。",
        "e_unknown-issue": "没有这个文件：未执行任何操作。",
        "e_superseded": "该文件已被更正版替换；请重新入库新的版本。",
        "e_unknown-source": "没有这个来源：未执行任何操作。",
        "e_no-issues": "该来源没有已存的文件：未执行任何操作。",
        "e_bad-request": "表单没有指明一个文件或一个来源。",
        "e_unknown-failure": "没有这个失败，或它已不是失败状态。",
        "e_not-kept": "失败文件已不在 failed/ 中：请把文件重新放入投放目录。",
        "e_session": "页面已过期：请重新登录后再试。",
        "e_cannot-help": "此文件是二进制或空文件，重新入库无济于事：请重新投放文件。",
        # A source's state (`SourceStatus.state`).
        "state_on": "开启", "state_missing": "目录不存在", "state_unreadable": "无法读取",
        "state_not a folder": "不是目录", "state_off (config)": "关闭（来源文件）",
        "state_off (database)": "关闭（数据库）", "state_off (removed)": "已移除",
    },
    "en": {
        "title": "status", "all_well": "All well", "attention": "Needs attention",
        "checked": "checked", "warnings": "Warnings", "zone": "Times are {zone} (UTC{offset})",
        "refresh": "Refresh", "updated": "updated", "sources": "Sources", "system": "System",
        "none": "None.", "failures": "Failed in the last 24 hours",
        "leftovers": "Left in drop folders", "issues": "Recent issues", "source": "source",
        "on": "on", "last_poll": "last poll", "last_ingest": "last ingest",
        "newest": "newest issue", "articles_24h": "articles 24 h", "expect_by": "expected by",
        "last_error": "last error", "actions": "actions", "when": "when", "what": "what",
        "reason": "reason", "error": "error", "entry": "entry (why it stays)", "id": "id",
        "date": "date", "status": "status", "articles": "articles", "file": "file",
        "stored": "stored", "gone_quiet": "gone quiet", "date_guessed": "(date guessed)",
        "dismissed": " (dismissed)", "broker": "Broker", "queues": "Queues",
        "workers": "Workers", "no_answer": "no answer",
        "unknown_workers": "unknown (embedded broker)", "none_answered": "none answered",
        "reingest": "Re-ingest", "reingest_all": "Re-ingest all", "retry": "Retry",
        "dismiss": "Dismiss", "retry_all": "Retry all", "dismiss_all": "Dismiss all",
        "sign_in": "Sign in", "sign_out": "Sign out", "token": "admin token",
        "signed_in": "Signed in (until {until}).",
        "sign_in_hint": "Sign in to re-ingest, retry or dismiss.", "confirm": "Confirm",
        "cancel": "Cancel", "confirm_title": "Please confirm",
        "confirm_reingest_source": "This re-ingests {count} stored files of {source}.",
        "confirm_retry_all": "This retries {count} failed files.",
        "confirm_dismiss_all": "This dismisses {count} failures.",
        "e_nothing": "Nothing to do.", "issue": "File {id}", "inputs": "Inputs",
        "pages": "Pages and files", "part": "part", "page_no": "page",
        "unassigned": "Text outside any article",
        "size": "size", "encoding": "encoding", "parser": "parser version",
        "received": "received", "superseded_by": "replaced by", "date_from": "date from",
        "attempts": "attempts", "kept": "kept file", "line": "line", "message": "message",
        "cannot_reingest": "This file is {reason}: re-ingest cannot help; drop the file again.",
        "back": "Back to status", "not_parsed": "The file's text cannot be parsed: {error}",
        "no_such_issue": "No such file.",
        "queued": "Re-ingest of issue {id} queued.",
        "queued_source": "Re-ingest of {count} issues of {source} queued.",
        "retried": "Input {id} queued again.", "dismissed_one": "Failure {id} dismissed.",
        "retried_all": "{count} failed files queued again.",
        "dismissed_all": "{count} failures dismissed.", "signed_in_now": "Signed in.",
        "signed_out": "Signed out.", "e_token": "Wrong or missing token: nothing was queued.",
        "e_unknown-issue": "No such issue: nothing was queued.",
        "e_superseded": "That issue was replaced by a corrected version; re-ingest the newer one.",
        "e_unknown-source": "No such source: nothing was queued.",
        "e_no-issues": "That source has no stored issues: nothing was queued.",
        "e_bad-request": "The form did not name one issue or one source.",
        "e_unknown-failure": "No such failure, or it is no longer failed.",
        "e_not-kept": "The failed file is no longer in failed/: drop the file again.",
        "e_session": "This page expired: sign in again, then try once more.",
        "e_cannot-help": "The file is binary or empty: re-ingest cannot help; drop it again.",
    },
}  # fmt: skip


def choose_lang(request: Request, settings: Settings) -> str:
    """The language of this answer.

    >>> from worker.settings import load_settings
    >>> choose_lang(Request("GET", "/status?lang=en", {}), load_settings({}))
    'en'
    """
    asked = parse_qs(urlsplit(request.target).query).get("lang", [""])[0]
    cookie = cookie_value(request, LANG_COOKIE) or ""
    for choice in (asked, cookie, settings.status_lang or ""):
        if choice in LANGS:
            return choice
    for part in request.headers.get("accept-language", "").split(","):
        tag = part.split(";")[0].strip().lower()
        if tag.startswith("zh"):
            return "zh-CN"
        if tag.startswith("en"):
            return "en"
    return "zh-CN"


def asked_lang(request: Request) -> str | None:
    """The language a ?lang= link asked for, to keep in a cookie."""
    asked = parse_qs(urlsplit(request.target).query).get("lang", [""])[0]
    return asked if asked in LANGS else None


def cookie_value(request: Request, name: str) -> str | None:
    """One cookie of the request, or None."""
    for part in request.headers.get("cookie", "").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


def zone_label(settings: Settings, lang: str, now: dt.datetime) -> str:
    """ "时间为 Asia/Shanghai（UTC+08:00）": the one zone every time on the page is in."""
    offset = now.astimezone(settings.tz).strftime("%z") or "+0000"
    offset = f"{offset[:3]}:{offset[3:]}"
    return MESSAGES[lang]["zone"].format(zone=settings.timezone, offset=offset)


def when(moment: dt.datetime | None, settings: Settings) -> str:
    """A time in the site's zone, as every operator page shows one."""
    if moment is None:
        return "–"
    return moment.astimezone(settings.tz).strftime("%Y-%m-%d %H:%M")
