"""The sentences of every `worker.problems.Problem` code, in English (the terminal's, the
JSON's and /healthz's) and in Chinese (/status in zh-CN). Each names what is wrong and the
fix; `{count:p/input/inputs}` counts in English. A clause the code points to (`where_file`)
is a code of its own, so a sentence never mixes languages."""

from __future__ import annotations

RESTART_EN = "restart the workers (`paperfeed run`, or the worker and beat services)"
RESTART_ZH = "请重启工作进程（`paperfeed run`，或 worker 与 beat 服务）"
START_EN = "start `paperfeed run`, or the worker (`celery -A worker.celery_app worker`)"
START_ZH = "请启动 `paperfeed run` 或 worker（`celery -A worker.celery_app worker`）"

EN: dict[str, str] = {
    # The system.
    "disk_low": "the disk holding {home} has {free_kib} KiB free: files cannot be claimed,"
    " queued or stored until space is freed",
    "run_worker_stopped": "the {name} is not running, waiting to be restarted",
    "run_worker_exited": "the {name} is not running, waiting to be restarted"
    " (it exited with code {exit_code})",
    "run_worker_restarting": "the {name} exited {count} times in the last {minutes} minutes"
    " (last exit code {exit_code}); its log says why",
    "process_worker": "worker",
    "run_worker": "paperfeed run: {trouble}",
    "corrupt_messages": "{count:p/unreadable message file/unreadable message files} set aside"
    " in {folder} (a full disk leaves them); the ledger handed their work out again: delete"
    " them once seen",
    "workers_unreachable": "workers could not be asked ({error}): is Redis running?",
    "no_worker": f"no live worker answered a ping: {START_EN}",
    "scheduler_silent": "no scan since {since} ({zone}) although workers answer: is beat (the"
    " scheduler, `celery -A worker.celery_app beat`) running?",
    "broker_down": "the broker did not answer: is Redis running?",
    "inputs_stuck": "{count:p/input/inputs} pending past their lease (inputs {ids}): the last"
    " scan was at {last_scan} ({zone}): is a worker running, and beat (the scheduler) that"
    " starts the scans?",
    "inputs_stuck_no_scan": "{count:p/input/inputs} pending past their lease (inputs {ids}):"
    " no scan has run yet: is a worker running, and beat (the scheduler)?",
    "inputs_failed": "{count:p/input/inputs} failed in the last 24 h: `paperfeed failures"
    " list`, then retry or dismiss",
    "tasks_failed": "{count:p/task/tasks} raised an error in the last 24 h: `paperfeed"
    " failures list`, then retry or dismiss",
    "queue_growing": "queue {queue} keeps growing: {before} → {length} messages over the last"
    " {minutes} minutes; the workers are not keeping up: start more workers"
    " (PAPERFEED_WORKERS, or another `celery -A worker.celery_app worker`), or see in their"
    " log what holds them up",
    "database_down": "the database did not answer: {error}; start it, or correct"
    " DATABASE_URL",
    # One source.
    "source_quiet": "source {source} has gone quiet: today's issue has not arrived (expected"
    " by {expect_by}); check that the paper was published and its file dropped",
    "settings_changed": "source {source}: the running workers use other settings than the"
    " sources file (or, without one, the PAPERFEED_ settings) here: {changes} (workers →"
    f" here); {RESTART_EN} after editing them, or run this command with the workers' settings",
    "changed_field": "{field}: {old} → {new}",
    "source_still_scanned": "source {source} is no longer in the sources file, but the workers"
    f" still scan it: {RESTART_EN}",
    "drop_folder_missing": "drop folder {folder} of source {source} does not exist: create it"
    " (mkdir -p {folder}), or correct {where}",
    "drop_folder_not_folder": "drop folder {folder} of source {source} is not a folder: move"
    " that file away and create the folder, or correct {where}",
    "drop_folder_unreadable": "drop folder {folder} of source {source} cannot be read ({error}):"
    " fix its permissions so that user {user} can list it, or correct {where}",
    "where_file": "its `path` in {file}",
    "where_env": "PAPERFEED_DROP_DIR",
    "scan_broke_off": "source {source}: the scan broke off: {error}; it is tried again at the"
    " next scan",
    "leftovers": "source {source}: {count:p/entry/entries} in its drop folder that paperfeed"
    " will not take: {shown}; move or delete them",
    "leftover": "{name} ({kind})",
    "kind_symlink": "symlink", "kind_folder": "folder", "kind_hidden": "hidden",
    "kind_special": "not a regular file", "kind_partial": "partial upload",
    "kind_claim": "cannot be claimed: {error}",
    # {error}, the fetcher's sentence, names the URL ({url} in the JSON's params), what
    # happened and what to check.
    "url_failing": "URL source {source} failing: its poll at {at} ({zone}) got an error: {error}",
    # Warnings: worth a look, not a failure.
    "date_guessed": "issue {edition} of {source} is dated {day} from a file's modification"
    " time: no file said its date (name files by date, or add `date:`; `paperfeed issues"
    " show {edition}`)",
    "file_cut": "issue {issue} ({filename}): the file ends in the middle of a character at byte"
    " {byte} of {size}: it was probably cut off during upload; drop it again whole",
}  # fmt: skip

# Plain operator Chinese: what is wrong, then what to do (请…).
ZH: dict[str, str] = {
    "disk_low": "{home} 所在的磁盘只剩 {free_kib} KiB：文件无法认领、排队或入库，请先腾出空间",
    "run_worker_stopped": "{name}没有运行，正在等待重启",
    "run_worker_exited": "{name}没有运行，正在等待重启（退出码 {exit_code}）",
    "run_worker_restarting": "{name}在最近 {minutes} 分钟内退出了 {count} 次（最后退出码"
    " {exit_code}）：请查看它的日志找出原因",
    "process_worker": "工作进程",
    "run_worker": "paperfeed run：{trouble}",
    "corrupt_messages": "{folder} 中存放着 {count} 个无法读取的消息文件（磁盘写满时留下的）；"
    "相应的工作已重新分派：查看后请删除它们",
    "workers_unreachable": "无法询问工作进程（{error}）：Redis 是否在运行？",
    "no_worker": f"没有工作进程响应 ping：{START_ZH}",
    "scheduler_silent": "工作进程有响应，但自 {since}（{zone}）以来没有扫描过：调度器 beat"
    "（`celery -A worker.celery_app beat`）是否在运行？",
    "broker_down": "消息队列没有响应：Redis 是否在运行？",
    "inputs_stuck": "{count} 个输入超过租期仍未处理（输入 {ids}）：上次扫描在 {last_scan}"
    "（{zone}）；请确认工作进程和负责启动扫描的调度器 beat 都在运行",
    "inputs_stuck_no_scan": "{count} 个输入超过租期仍未处理（输入 {ids}）：还没有进行过扫描；"
    "请确认工作进程和调度器 beat 都在运行",
    "inputs_failed": "最近 24 小时有 {count} 个输入失败：请运行 `paperfeed failures list`，"
    "然后重试或忽略",
    "tasks_failed": "最近 24 小时有 {count} 个任务出错：请运行 `paperfeed failures list`，"
    "然后重试或忽略",
    "queue_growing": "队列 {queue} 持续增长：最近 {minutes} 分钟内从 {before} 条增加到"
    " {length} 条消息，工作进程处理不过来：请增加工作进程（PAPERFEED_WORKERS，或再启动一个"
    " `celery -A worker.celery_app worker`），或查看它们的日志，找出卡住的原因",
    "database_down": "数据库没有响应：{error}；请启动数据库，或更正 DATABASE_URL",
    "source_quiet": "来源 {source} 今天的报纸还没到（应在 {expect_by} 前到达）：请检查上游是否"
    "已发布、文件是否投放",
    "settings_changed": "来源 {source}：正在运行的工作进程所用的设置与这里的来源文件（没有来源"
    f"文件时为 PAPERFEED_ 设置）不同：{{changes}}（工作进程 → 这里）；修改设置后{RESTART_ZH}，"
    "或用工作进程的设置运行本命令",
    "changed_field": "{field}：{old} → {new}",
    "source_still_scanned": f"来源 {{source}} 已不在来源文件中，但工作进程仍在扫描它：{RESTART_ZH}",
    "drop_folder_missing": "来源 {source} 的投放目录 {folder} 不存在：请创建它"
    "（mkdir -p {folder}），或更正{where}",
    "drop_folder_not_folder": "来源 {source} 的投放目录 {folder} 不是目录：请把这个文件移走并"
    "创建目录，或更正{where}",
    "drop_folder_unreadable": "来源 {source} 的投放目录 {folder} 无法读取（{error}）：请修改"
    "权限，让用户 {user} 能列出其内容，或更正{where}",
    "where_file": " {file} 中它的 `path`",
    "where_env": " PAPERFEED_DROP_DIR",
    "scan_broke_off": "来源 {source} 的扫描中断了：{error}；下次扫描时会再试",
    "leftovers": "来源 {source} 的投放目录中有 {count} 个 paperfeed 不会接收的条目：{shown}；"
    "请移走或删除它们",
    "leftover": "{name}（{kind}）",
    "kind_symlink": "符号链接", "kind_folder": "目录", "kind_hidden": "隐藏文件",
    "kind_special": "不是普通文件", "kind_partial": "未传完的文件",
    "kind_claim": "无法认领：{error}",
    "url_failing": "网址来源 {source} 抓取失败：{at}（{zone}）的轮询出错：{error}；"
    "如果一直失败，请检查网址和对方网站",
    "date_guessed": "{source} 的报纸 {edition} 的日期 {day} 是按文件修改时间推测的：没有文件"
    "写明日期（请按日期给文件命名，或加上 `date:`；见 `paperfeed issues show {edition}`）",
    "file_cut": "文件 {issue}（{filename}）在第 {byte} 字节（共 {size} 字节）处断在一个字符"
    "中间：很可能是上传时被截断了；请重新投放完整的文件",
}  # fmt: skip

# The labels of `worker.sources.SHOWN_FIELDS`, as the settings_changed sentence names them.
FIELDS = {
    "en": {
        "kind": "kind", "where": "folder or URL", "publication": "publication",
        "section": "section", "timezone": "time zone", "poll_interval": "poll interval",
        "enabled": "enabled", "expect_by": "expect_by", "publish_time": "publish_time",
        "pages": "pages", "lookback_days": "lookback_days",
    },
    "zh-CN": {
        "kind": "类型", "where": "目录或网址", "publication": "报名", "section": "栏目",
        "timezone": "时区", "poll_interval": "扫描间隔", "enabled": "启用",
        "expect_by": "应到时间 expect_by", "publish_time": "发布时间 publish_time",
        "pages": "版面 pages", "lookback_days": "回溯天数 lookback_days",
    },
}  # fmt: skip
for _lang, _table in ((EN, "en"), (ZH, "zh-CN")):
    _lang.update({f"field_{key}": label for key, label in FIELDS[_table].items()})

TEXTS = {"en": EN, "zh-CN": ZH}
