<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../../tracker/gui/models/audit.py" line="52"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/audit.py" line="53"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/audit.py" line="54"/>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/audit.py" line="55"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/audit.py" line="56"/>
        <source>Old value → new value</source>
        <translation>原值 → 新值</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/audit.py" line="57"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/audit.py" line="305"/>
        <source>%1 figures added</source>
        <translation>新增数据 %1 条</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/audit.py" line="285"/>
        <source>Target created</source>
        <translation>新建指标</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/audit.py" line="286"/>
        <source>Target changed</source>
        <translation>修改指标</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/audit.py" line="287"/>
        <source>Target deleted</source>
        <translation>删除指标</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/audit.py" line="288"/>
        <source>Target restored</source>
        <translation>恢复指标</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/audit.py" line="295"/>
        <source>Figure %1 added</source>
        <translation>新增数据（截至 %1）</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/audit.py" line="296"/>
        <source>Figure %1 changed</source>
        <translation>修改数据（截至 %1）</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/audit.py" line="297"/>
        <source>Figure %1 deleted</source>
        <translation>删除数据（截至 %1）</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/audit.py" line="298"/>
        <source>Figure %1 restored</source>
        <translation>恢复数据（截至 %1）</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/audit.py" line="306"/>
        <source>%1 figures deleted</source>
        <translation>删除数据 %1 条</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/audit.py" line="307"/>
        <source>%1 figures restored</source>
        <translation>恢复数据 %1 条</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <location filename="../../tracker/gui/widgets/audit_view.py" line="60"/>
        <source>Select a target to see who changed what, and when.</source>
        <translation>选择一项指标，查看何人于何时修改了哪些内容。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../tracker/gui/widgets/audit_view.py" line="62"/>
        <source>History of “%1”: %n changes</source>
        <translation>
            <numerusform>“%1”的修改记录：共 %n 条</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BackupActions</name>
    <message>
        <location filename="../../tracker/gui/backup_actions.py" line="63"/>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/backup_actions.py" line="65"/>
        <source>Copy the database to the backup folder, if it changed</source>
        <translation>数据库有改动时，将其复制到备份文件夹</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/backup_actions.py" line="70"/>
        <source>Res&amp;tore from backup…</source>
        <translation>从备份恢复(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/backup_actions.py" line="72"/>
        <source>Replace the database with one of its backups</source>
        <translation>用该数据库的某个备份替换当前数据库</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/backup_actions.py" line="100"/>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/backup_actions.py" line="104"/>
        <source>Backup failed</source>
        <translation>备份失败</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/backup_actions.py" line="107"/>
        <source>Backed up to %1</source>
        <translation>已备份到 %1</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/backup_actions.py" line="110"/>
        <source>Nothing changed since the last backup (%1)</source>
        <translation>自上次备份（%1）以来没有改动</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/backup_actions.py" line="125"/>
        <source>Replace %1 with the backup taken on %2?

Changes made after that time will not be in the restored file. The current file is moved aside and kept, not deleted.</source>
        <translation>用 %2 的备份替换 %1？

该时间之后所做的修改不会包含在恢复后的文件中。当前文件将移至别处保留，不会删除。</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/backup_actions.py" line="130"/>
        <location filename="../../tracker/gui/backup_actions.py" line="154"/>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/backup_actions.py" line="139"/>
        <source>Restoring…</source>
        <translation>正在恢复…</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/backup_actions.py" line="143"/>
        <source>Restore failed</source>
        <translation>恢复失败</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/backup_actions.py" line="149"/>
        <source>%1 was restored from the backup taken on %2.</source>
        <translation>已用 %2 的备份恢复 %1。</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/backup_actions.py" line="152"/>
        <source>The previous file was moved to:
%1</source>
        <translation>原文件已移至：
%1</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <location filename="../../tracker/gui/widgets/backup_dialog.py" line="37"/>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/backup_dialog.py" line="40"/>
        <source>Backups are taken when a database is opened and closed, if it changed. Restoring replaces the current file with the chosen backup; the current file is moved aside, not deleted.</source>
        <translation>数据库在打开和关闭时如有改动，会自动备份。恢复时将用所选备份替换当前文件；当前文件会移至别处保留，不会删除。</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/backup_dialog.py" line="42"/>
        <source>Folder: %1</source>
        <translation>文件夹：%1</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/backup_dialog.py" line="48"/>
        <source>Taken</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/backup_dialog.py" line="48"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/backup_dialog.py" line="48"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/backup_dialog.py" line="66"/>
        <source>There are no backups of this database yet.</source>
        <translation>该数据库尚无备份。</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/backup_dialog.py" line="70"/>
        <source>&amp;Restore…</source>
        <translation>恢复(&amp;R)…</translation>
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <location filename="../../tracker/gui/dashboard/chart.py" line="311"/>
        <source>Chart</source>
        <translation>图表</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/chart.py" line="328"/>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/chart.py" line="329"/>
        <source>Export SVG…</source>
        <translation>导出 SVG…</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/chart.py" line="330"/>
        <source>Copy image</source>
        <translation>复制图片</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/chart.py" line="347"/>
        <source>Export PNG</source>
        <translation>导出 PNG</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/chart.py" line="347"/>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/chart.py" line="355"/>
        <source>Export SVG</source>
        <translation>导出 SVG</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/chart.py" line="355"/>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/chart.py" line="365"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>CompletionBars</name>
    <message>
        <location filename="../../tracker/gui/dashboard/completion_bars.py" line="122"/>
        <source>Percent complete, lowest first</source>
        <translation>完成率（由低到高）</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/completion_bars.py" line="180"/>
        <source>Percent complete</source>
        <translation>完成率</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/completion_bars.py" line="253"/>
        <source>Expected pace %1</source>
        <translation>序时进度 %1</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/completion_bars.py" line="340"/>
        <source>Latest: %1 as of %2</source>
        <translation>最新数据：%1（截至 %2）</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/completion_bars.py" line="346"/>
        <source>Target: %1</source>
        <translation>目标值：%1</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/completion_bars.py" line="347"/>
        <source>Complete: %1</source>
        <translation>完成率：%1</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/completion_bars.py" line="348"/>
        <source>Expected pace: %1</source>
        <translation>序时进度：%1</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/completion_bars.py" line="349"/>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
</context>
<context>
    <name>ConflictBanner</name>
    <message>
        <location filename="../../tracker/gui/widgets/confirm.py" line="101"/>
        <source>Keep mine</source>
        <translation>保留我的修改</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/confirm.py" line="102"/>
        <source>Save your value over the newer one</source>
        <translation>用您的值覆盖较新的值</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/confirm.py" line="103"/>
        <source>Use theirs</source>
        <translation>采用对方的修改</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/confirm.py" line="104"/>
        <source>Drop your change and keep the newer value</source>
        <translation>放弃您的修改，保留较新的值</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../../tracker/gui/dashboard/export.py" line="55"/>
        <location filename="../../tracker/gui/dashboard/export.py" line="74"/>
        <location filename="../../tracker/gui/dashboard/export.py" line="83"/>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/export.py" line="70"/>
        <source>Made with Tracker</source>
        <translation>由目标进度跟踪生成</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../tracker/gui/dialogs.py" line="13"/>
        <source>Tracker databases (*.sqlite *.db);;All files (*)</source>
        <translation>目标进度跟踪数据库 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dialogs.py" line="19"/>
        <source>Open database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dialogs.py" line="27"/>
        <source>New database</source>
        <translation>新建数据库</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../tracker/gui/widgets/filter_bar.py" line="32"/>
        <source>Search targets, departments, notes…</source>
        <translation>搜索指标、责任单位、备注…</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/filter_bar.py" line="38"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/filter_bar.py" line="41"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/filter_bar.py" line="42"/>
        <source>Category</source>
        <translation>领域</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/filter_bar.py" line="43"/>
        <source>Department</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/filter_bar.py" line="44"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/filter_bar.py" line="66"/>
        <source>All categories</source>
        <translation>全部领域</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/filter_bar.py" line="68"/>
        <source>All departments</source>
        <translation>全部责任单位</translation>
    </message>
</context>
<context>
    <name>Headlines</name>
    <message>
        <location filename="../../tracker/gui/dashboard/headlines.py" line="98"/>
        <source>targets shown</source>
        <translation>显示的指标数</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/headlines.py" line="100"/>
        <source>achieved (%1 of targets)</source>
        <translation>已完成（占 %1）</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/headlines.py" line="102"/>
        <source>behind pace (at risk, behind or overdue)</source>
        <translation>未达序时（有风险、滞后或逾期未完成）</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/headlines.py" line="105"/>
        <source>data last updated (local time)</source>
        <translation>数据最近更新（本地时间）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../tracker/gui/main_window.py" line="85"/>
        <source>Figures</source>
        <translation>完成数据</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/main_window.py" line="86"/>
        <source>History</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/main_window.py" line="98"/>
        <source>Targets</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/main_window.py" line="101"/>
        <source>Dashboard</source>
        <translation>进度看板</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/main_window.py" line="108"/>
        <source>Read-only: this database was opened for viewing. Figures cannot be changed.</source>
        <translation>只读：此数据库以查看方式打开，数据不可修改。</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/main_window.py" line="175"/>
        <source>(in memory)</source>
        <translation>（内存数据库）</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/main_window.py" line="176"/>
        <source> [read-only]</source>
        <translation>（只读）</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/main_window.py" line="177"/>
        <source>%1%2 — Tracker</source>
        <translation>%1%2 — 目标进度跟踪</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/main_window.py" line="181"/>
        <source>Showing %1 of %2 targets</source>
        <translation>共 %2 项指标，显示 %1 项</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/main_window.py" line="315"/>
        <source>“%1” was changed in another window or program. %2 is now %3 there; your value %4 was not saved.</source>
        <translation>“%1”已在其他窗口或程序中被修改：%2 现为 %3，您填写的 %4 未保存。</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/main_window.py" line="365"/>
        <source>Delete %1 target(s) and all their figures?
%2

You can undo this with Ctrl+Z.</source>
        <translation>删除 %1 项指标及其全部完成数据？
%2

可按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/main_window.py" line="368"/>
        <source>Delete targets</source>
        <translation>删除指标</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/main_window.py" line="373"/>
        <source>Delete %1 targets</source>
        <translation>删除 %1 项指标</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/menus.py" line="45"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/menus.py" line="47"/>
        <source>&amp;New database…</source>
        <translation>新建数据库(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/menus.py" line="50"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/menus.py" line="53"/>
        <source>Open read-onl&amp;y…</source>
        <translation>以只读方式打开(&amp;Y)…</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/menus.py" line="55"/>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/menus.py" line="59"/>
        <source>Open &amp;demo (Shuozhou 2022)</source>
        <translation>打开示例数据（朔州 2022）(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/menus.py" line="64"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/menus.py" line="67"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/menus.py" line="69"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/menus.py" line="72"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/menus.py" line="82"/>
        <source>&amp;New target…</source>
        <translation>新建指标(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/menus.py" line="85"/>
        <source>&amp;Edit target…</source>
        <translation>编辑指标(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/menus.py" line="88"/>
        <source>&amp;Delete target…</source>
        <translation>删除指标(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/menus.py" line="91"/>
        <source>&amp;Add a figure</source>
        <translation>录入完成数据(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/menus.py" line="95"/>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/menus.py" line="98"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/menus.py" line="99"/>
        <source>&amp;Targets table</source>
        <translation>指标列表(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/menus.py" line="101"/>
        <source>&amp;Dashboard</source>
        <translation>进度看板(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/menus.py" line="103"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/menus.py" line="113"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/menus.py" line="115"/>
        <source>&amp;About Tracker</source>
        <translation>关于目标进度跟踪(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/menus.py" line="117"/>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/menus.py" line="152"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/menus.py" line="167"/>
        <source>About Tracker</source>
        <translation>关于目标进度跟踪</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/menus.py" line="168"/>
        <source>&lt;h3&gt;Tracker %1&lt;/h3&gt;&lt;p&gt;Targets and their progress for planning offices: figures, expected pace, status and reports in one SQLite file.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;目标进度跟踪 %1&lt;/h3&gt;&lt;p&gt;面向规划部门的指标进度管理：完成数据、序时进度、状态和报告，全部保存在一个 SQLite 文件中。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MeasurementsModel</name>
    <message>
        <location filename="../../tracker/gui/models/measurements.py" line="76"/>
        <source>As of</source>
        <extracomment>Figures read at a time: the newest page first, older ones as the view scrolls down to them (canFetchMore/fetchMore), so a target with a long daily history opens at once.</extracomment>
        <translation>截至</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/measurements.py" line="77"/>
        <source>Value</source>
        <translation>完成值</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/measurements.py" line="78"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/measurements.py" line="79"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/measurements.py" line="80"/>
        <source>Last updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/measurements.py" line="102"/>
        <source>Enter a number; a figure cannot be blank.</source>
        <translation>请输入数字，数据不能为空。</translation>
    </message>
</context>
<context>
    <name>MeasurementsPanel</name>
    <message>
        <location filename="../../tracker/gui/widgets/measurements_panel.py" line="88"/>
        <source>Your change was dropped; the newer value stays.</source>
        <translation>已放弃您的修改，保留较新的值。</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/measurements_panel.py" line="91"/>
        <source>As-of date of the new figure</source>
        <translation>新数据的截至日期</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/measurements_panel.py" line="94"/>
        <source>Value of the new figure</source>
        <translation>新数据的完成值</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/measurements_panel.py" line="97"/>
        <source>Note (optional)</source>
        <translation>备注（选填）</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/measurements_panel.py" line="98"/>
        <source>Note on the new figure</source>
        <translation>新数据的备注</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/measurements_panel.py" line="99"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/measurements_panel.py" line="100"/>
        <source>Add the figure (Enter); Esc clears</source>
        <translation>添加数据（Enter）；按 Esc 清空</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/measurements_panel.py" line="135"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/measurements_panel.py" line="136"/>
        <source>Delete the selected figures (Del); undo brings them back</source>
        <translation>删除所选数据（Del）；可撤销恢复</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/measurements_panel.py" line="190"/>
        <source>Enter the figure first.</source>
        <translation>请先输入数据。</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/measurements_panel.py" line="204"/>
        <source>Added %1 as of %2 — %3 to undo</source>
        <translation>已添加 %1（截至 %2）— 按 %3 撤销</translation>
    </message>
    <message numerus="yes">
        <location filename="../../tracker/gui/widgets/measurements_panel.py" line="227"/>
        <source>Delete %n figures of “%1”</source>
        <translation>
            <numerusform>删除“%1”的 %n 条数据</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../tracker/gui/widgets/measurements_panel.py" line="235"/>
        <source>delete %n figure(s)</source>
        <translation>
            <numerusform>删除 %n 条数据</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../tracker/gui/widgets/measurements_panel.py" line="239"/>
        <source>Deleted %n figure(s) — %1 to undo</source>
        <translation>
            <numerusform>已删除 %n 条数据 — 按 %1 撤销</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/measurements_panel.py" line="258"/>
        <source>Saved %1 — %2 to undo</source>
        <translation>已保存 %1 — 按 %2 撤销</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/measurements_panel.py" line="272"/>
        <source>Now in the database: %1</source>
        <translation>数据库中现为：%1</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/measurements_panel.py" line="274"/>
        <source>Yours: %1</source>
        <translation>您的修改：%1</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/measurements_panel.py" line="308"/>
        <source>No target selected</source>
        <translation>未选择指标</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/measurements_panel.py" line="309"/>
        <source>Select a target to see and enter its figures.</source>
        <translation>选择一项指标，查看并录入其完成数据。</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/measurements_panel.py" line="311"/>
        <location filename="../../tracker/gui/widgets/measurements_panel.py" line="324"/>
        <source>Value</source>
        <translation>完成值</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/measurements_panel.py" line="316"/>
        <source>done (1) or not (0)</source>
        <translation>完成填 1，未完成填 0</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/measurements_panel.py" line="319"/>
        <source>Unit: %1 · Target: %2 · Period: %3</source>
        <translation>单位：%1 · 目标值：%2 · 期间：%3</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/measurements_panel.py" line="324"/>
        <source>Read-only</source>
        <translation>只读</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../tracker/gui/widgets/message_bar.py" line="21"/>
        <source>Keep mine</source>
        <translation>保留我的修改</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/message_bar.py" line="22"/>
        <source>Use theirs</source>
        <translation>采用对方的修改</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/message_bar.py" line="23"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <location filename="../../tracker/gui/recovery.py" line="66"/>
        <source>Open it read-only?</source>
        <translation>是否以只读方式打开？</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/recovery.py" line="67"/>
        <source>Newer database</source>
        <translation>数据库版本较新</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/recovery.py" line="71"/>
        <source>Cannot open database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/recovery.py" line="169"/>
        <source>Please note</source>
        <translation>请注意</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/recovery.py" line="175"/>
        <source>There is no backup of this file to restore.</source>
        <translation>此文件没有可用于恢复的备份。</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/recovery.py" line="176"/>
        <location filename="../../tracker/gui/recovery.py" line="183"/>
        <source>Damaged database</source>
        <translation>数据库已损坏</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/recovery.py" line="180"/>
        <source>The newest good backup was taken on %1. Restore it and open it? Changes made after that time are not in the backup.</source>
        <translation>最近一份完好的备份创建于 %1。是否恢复并打开？该时间之后的修改不在备份中。</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/recovery.py" line="191"/>
        <source>Restore failed</source>
        <translation>恢复失败</translation>
    </message>
</context>
<context>
    <name>ServiceBridge</name>
    <message>
        <location filename="../../tracker/gui/bridge.py" line="84"/>
        <source>undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/bridge.py" line="85"/>
        <source>redo</source>
        <translation>重做</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../tracker/gui/status_style.py" line="45"/>
        <source>achieved</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/status_style.py" line="46"/>
        <source>on track</source>
        <translation>符合序时</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/status_style.py" line="47"/>
        <source>at risk</source>
        <translation>有风险</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/status_style.py" line="48"/>
        <source>behind</source>
        <translation>滞后</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/status_style.py" line="49"/>
        <source>overdue</source>
        <translation>逾期未完成</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/status_style.py" line="50"/>
        <source>no data</source>
        <translation>暂无数据</translation>
    </message>
</context>
<context>
    <name>StatusSummary</name>
    <message>
        <location filename="../../tracker/gui/dashboard/status_summary.py" line="100"/>
        <source>(no category)</source>
        <translation>（未分领域）</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/status_summary.py" line="105"/>
        <source>other (%1 categories)</source>
        <translation>其他（%1 个领域）</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/status_summary.py" line="122"/>
        <location filename="../../tracker/gui/dashboard/status_summary.py" line="125"/>
        <source>Status by category</source>
        <translation>各领域状态</translation>
    </message>
</context>
<context>
    <name>TargetEditor</name>
    <message>
        <location filename="../../tracker/gui/widgets/target_editor.py" line="73"/>
        <source>New target</source>
        <translation>新建指标</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/target_editor.py" line="74"/>
        <source>Edit target – %1</source>
        <translation>编辑指标 – %1</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/target_editor.py" line="94"/>
        <source>optional, e.g. 0</source>
        <translation>选填，如 0</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/target_editor.py" line="96"/>
        <source>in the unit above, e.g. 95398</source>
        <translation>按上方单位填写，如 95398</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/target_editor.py" line="106"/>
        <source>How far a target may trail the expected pace before it counts as at risk; twice that and it is behind.</source>
        <translation>指标落后于序时进度超过此幅度即为“有风险”，超过两倍即为“滞后”。</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/target_editor.py" line="137"/>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/target_editor.py" line="137"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/target_editor.py" line="140"/>
        <source>The database is open read-only; nothing can be saved.</source>
        <translation>数据库以只读方式打开，无法保存。</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/target_editor.py" line="290"/>
        <source>Now in the database: %1</source>
        <translation>数据库中现为：%1</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/target_editor.py" line="294"/>
        <source>Changed there: %1. Your values are kept in the form.</source>
        <translation>对方修改了：%1。您填写的内容仍保留在表单中。</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/target_editor.py" line="297"/>
        <source>“Keep mine” creates it again with your values.</source>
        <translation>“保留我的修改”将按您填写的内容重新创建该指标。</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/target_editor.py" line="320"/>
        <source>Name</source>
        <translation>指标名称</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/target_editor.py" line="321"/>
        <source>Category</source>
        <translation>领域</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/target_editor.py" line="322"/>
        <source>Department</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/target_editor.py" line="323"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/target_editor.py" line="324"/>
        <source>Kind</source>
        <translation>指标类型</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/target_editor.py" line="325"/>
        <source>Direction</source>
        <translation>指标方向</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/target_editor.py" line="326"/>
        <source>Baseline</source>
        <translation>基数</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/target_editor.py" line="327"/>
        <source>Target value</source>
        <translation>目标值</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/target_editor.py" line="328"/>
        <source>Period start</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/target_editor.py" line="329"/>
        <source>Period end</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/target_editor.py" line="330"/>
        <source>Tolerance</source>
        <translation>容差</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/target_editor.py" line="331"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/widgets/target_editor.py" line="332"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
</context>
<context>
    <name>TargetKind</name>
    <message>
        <location filename="../../tracker/gui/models/audit.py" line="269"/>
        <source>cumulative</source>
        <extracomment>Lines read at a time: the newest first, older ones as the view scrolls down to them.</extracomment>
        <translation>累计型</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/audit.py" line="270"/>
        <source>level or rate</source>
        <translation>水平/比率型</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/audit.py" line="271"/>
        <source>milestone</source>
        <translation>节点型</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/audit.py" line="278"/>
        <source>higher is better</source>
        <translation>越高越好</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/audit.py" line="279"/>
        <source>lower is better</source>
        <translation>越低越好</translation>
    </message>
</context>
<context>
    <name>TargetsModel</name>
    <message>
        <location filename="../../tracker/gui/models/target_cells.py" line="47"/>
        <source>Target</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/target_cells.py" line="48"/>
        <source>Category</source>
        <translation>领域</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/target_cells.py" line="49"/>
        <source>Department</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/target_cells.py" line="50"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/target_cells.py" line="51"/>
        <source>Target value</source>
        <translation>目标值</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/target_cells.py" line="52"/>
        <source>Latest</source>
        <translation>最新完成值</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/target_cells.py" line="53"/>
        <source>As of</source>
        <translation>截至</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/target_cells.py" line="54"/>
        <source>Complete</source>
        <translation>完成率</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/target_cells.py" line="55"/>
        <source>Expected pace</source>
        <translation>序时进度</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/target_cells.py" line="56"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/target_cells.py" line="57"/>
        <source>Last updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/target_cells.py" line="128"/>
        <source>Target: %1</source>
        <translation>目标值：%1</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/models/target_cells.py" line="131"/>
        <source>Latest: %1 as of %2</source>
        <translation>最新数据：%1（截至 %2）</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <location filename="../../tracker/gui/dashboard/timeline.py" line="190"/>
        <source>Click a bar to see that target&apos;s figures over time.</source>
        <extracomment>No target, or one without figures (never changed: FigureSeries holds plain lists). The room a figure&apos;s marker needs, in pixels. Figures that do not fit side by side would merge into a band of markers: then the line alone shows them (reduced to what the screen can show, keeping each pixel column&apos;s highest and lowest), and only the newest figure, where the forecast starts, keeps its marker. Markers assumed to fit before the chart has its size (it is re-marked when it gets it).</extracomment>
        <translation>点击条形，查看该指标各期完成数据。</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/timeline.py" line="195"/>
        <source>“%1” has no figures yet.</source>
        <translation>“%1”暂无数据。</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/timeline.py" line="209"/>
        <source>Timeline</source>
        <translation>完成走势</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/timeline.py" line="236"/>
        <source>Limit %1 (lower is better)</source>
        <translation>上限 %1（越低越好）</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/timeline.py" line="237"/>
        <source>Target %1</source>
        <translation>目标值 %1</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/timeline.py" line="247"/>
        <source>Forecast %1</source>
        <translation>预测 %1</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/timeline.py" line="256"/>
        <source>Due %1</source>
        <translation>截止 %1</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/timeline.py" line="269"/>
        <location filename="../../tracker/gui/dashboard/timeline.py" line="344"/>
        <location filename="../../tracker/gui/dashboard/timeline.py" line="361"/>
        <source>not done</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/timeline.py" line="269"/>
        <location filename="../../tracker/gui/dashboard/timeline.py" line="343"/>
        <location filename="../../tracker/gui/dashboard/timeline.py" line="361"/>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/timeline.py" line="296"/>
        <source>%1 complete</source>
        <translation>完成率 %1</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/timeline.py" line="299"/>
        <source>in %1</source>
        <translation>单位：%1</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/timeline.py" line="301"/>
        <source>lower is better</source>
        <translation>越低越好</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/timeline.py" line="345"/>
        <source>due date</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/timeline.py" line="346"/>
        <source>figures</source>
        <translation>完成数据</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/timeline.py" line="348"/>
        <source>planned pace</source>
        <translation>序时进度</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/timeline.py" line="350"/>
        <source>limit</source>
        <translation>上限</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/timeline.py" line="351"/>
        <source>target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/dashboard/timeline.py" line="352"/>
        <source>forecast to period end</source>
        <translation>预测至期末</translation>
    </message>
</context>
<context>
    <name>Transfer</name>
    <message>
        <location filename="../../tracker/gui/import_preview.py" line="51"/>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_preview.py" line="52"/>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_preview.py" line="53"/>
        <source>unchanged</source>
        <translation>无变化</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_preview.py" line="54"/>
        <source>problem</source>
        <translation>有问题</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_preview.py" line="55"/>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_preview.py" line="111"/>
        <source>Check and import</source>
        <translation>检查并导入</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_preview.py" line="118"/>
        <location filename="../../tracker/gui/import_preview.py" line="120"/>
        <location filename="../../tracker/gui/import_preview.py" line="191"/>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_preview.py" line="118"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_preview.py" line="119"/>
        <source>Value</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_preview.py" line="119"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_preview.py" line="120"/>
        <source>Target</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_preview.py" line="121"/>
        <source>As of</source>
        <translation>截至</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_preview.py" line="121"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_preview.py" line="122"/>
        <source>Now</source>
        <translation>现值</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_preview.py" line="122"/>
        <source>From file</source>
        <translation>文件中的值</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_preview.py" line="126"/>
        <source>First rows</source>
        <translation>前几行</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_preview.py" line="127"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_preview.py" line="128"/>
        <source>Changes</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_preview.py" line="129"/>
        <source>Import the other rows (leave out the rows with problems)</source>
        <translation>导入其余各行（跳过有问题的行）</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_preview.py" line="149"/>
        <source>Checking %1…</source>
        <translation>正在检查 %1…</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_preview.py" line="155"/>
        <source>Checking was cancelled.</source>
        <translation>已取消检查。</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_preview.py" line="166"/>
        <source>Nothing is imported while a row has a problem: fix the file and choose it again, or tick the box below to import the other rows.</source>
        <translation>只要有一行存在问题，就不会导入任何数据：请修改文件后重新选择，或勾选下方选项导入其余各行。</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_preview.py" line="170"/>
        <source>Nothing new to import.</source>
        <translation>没有需要导入的新内容。</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_preview.py" line="173"/>
        <source>(whole row)</source>
        <translation>（整行）</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_preview.py" line="178"/>
        <source>Problems (%1)</source>
        <translation>问题（%1）</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_preview.py" line="180"/>
        <source>Changes (%1)</source>
        <translation>修改（%1）</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_preview.py" line="192"/>
        <source>Outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_wizard.py" line="71"/>
        <location filename="../../tracker/gui/import_wizard.py" line="73"/>
        <location filename="../../tracker/gui/import_wizard.py" line="191"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_wizard.py" line="91"/>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_wizard.py" line="94"/>
        <source>Reading was cancelled.</source>
        <translation>已取消读取。</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_wizard.py" line="139"/>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_wizard.py" line="142"/>
        <source>Import cancelled; nothing was written.</source>
        <translation>已取消导入，未写入任何数据。</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_wizard.py" line="148"/>
        <source>Imported %1: %2</source>
        <translation>已导入 %1：%2</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_wizard.py" line="159"/>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_wizard.py" line="160"/>
        <source>A CSV file (UTF-8, GBK or GB18030) or an Excel workbook (.xlsx, first sheet).</source>
        <translation>CSV 文件（UTF-8、GBK 或 GB18030 编码）或 Excel 工作簿（.xlsx，读取第一个工作表）。</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_wizard.py" line="164"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_wizard.py" line="174"/>
        <source>Detect automatically</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_wizard.py" line="181"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_wizard.py" line="182"/>
        <source>Encoding:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_wizard.py" line="183"/>
        <source>Line endings:</source>
        <translation>换行符：</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_wizard.py" line="184"/>
        <source>Read as:</source>
        <translation>读取编码：</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_wizard.py" line="204"/>
        <source>Excel workbook (no text encoding)</source>
        <translation>Excel 工作簿（无文本编码）</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_wizard.py" line="208"/>
        <source>detected</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_wizard.py" line="209"/>
        <source>as chosen</source>
        <translation>手动指定</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_wizard.py" line="232"/>
        <source>Match the columns</source>
        <translation>匹配列</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_wizard.py" line="233"/>
        <source>Columns were matched by their names; change any that are wrong. Unmatched columns are ignored.</source>
        <translation>已按列名自动匹配，如有错误请修改。未匹配的列将被忽略。</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_wizard.py" line="238"/>
        <source>Decide from the columns</source>
        <translation>根据列自动判断</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_wizard.py" line="239"/>
        <source>Targets</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_wizard.py" line="240"/>
        <source>Figures</source>
        <translation>完成数据</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_wizard.py" line="245"/>
        <source>none (dates must be given)</source>
        <translation>无（须在文件中填写日期）</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_wizard.py" line="251"/>
        <source>Rows are:</source>
        <translation>导入内容：</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_wizard.py" line="252"/>
        <source>New targets without dates run through:</source>
        <translation>未填日期的新指标所属年度：</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_wizard.py" line="267"/>
        <source>(ignore)</source>
        <translation>（忽略）</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/import_wizard.py" line="275"/>
        <source>%1 (figures in %2)</source>
        <translation>%1（按 %2 换算）</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/transfer_actions.py" line="47"/>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/transfer_actions.py" line="49"/>
        <source>Import targets or figures from a CSV or Excel file</source>
        <translation>从 CSV 或 Excel 文件导入指标或完成数据</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/transfer_actions.py" line="54"/>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/transfer_actions.py" line="58"/>
        <source>&amp;Targets…</source>
        <translation>指标(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/transfer_actions.py" line="59"/>
        <source>&amp;Figures…</source>
        <translation>完成数据(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/transfer_actions.py" line="60"/>
        <source>&amp;Audit trail…</source>
        <translation>修改记录(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/transfer_actions.py" line="68"/>
        <source>Re&amp;port…</source>
        <translation>生成报告(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/transfer_actions.py" line="70"/>
        <source>A PDF for managers: status, tables, charts and a sentence per target</source>
        <translation>供领导审阅的 PDF 报告：状态、表格、图表及每项指标的情况说明</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/transfer_actions.py" line="102"/>
        <source>Export targets</source>
        <translation>导出指标</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/transfer_actions.py" line="103"/>
        <source>Export figures</source>
        <translation>导出完成数据</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/transfer_actions.py" line="104"/>
        <source>Export audit trail</source>
        <translation>导出修改记录</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/transfer_actions.py" line="116"/>
        <source>Exporting to %1…</source>
        <translation>正在导出到 %1…</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/transfer_actions.py" line="119"/>
        <source>Export cancelled; nothing was written.</source>
        <translation>已取消导出，未写入任何文件。</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/transfer_actions.py" line="126"/>
        <source>Exported %1 rows to %2</source>
        <translation>已导出 %1 行到 %2</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/transfer_actions.py" line="137"/>
        <location filename="../../tracker/gui/transfer_actions.py" line="149"/>
        <source>Save report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/transfer_actions.py" line="138"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/transfer_actions.py" line="154"/>
        <source>Saved the report (%1 pages) to %2</source>
        <translation>报告（共 %1 页）已保存到 %2</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/transfer_actions.py" line="161"/>
        <source>Excel workbooks (*.xlsx);;CSV files (*.csv);;All files (*)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/transfer_actions.py" line="173"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../tracker/gui/transfer_actions.py" line="176"/>
        <source>Tracker</source>
        <translation>目标进度跟踪</translation>
    </message>
</context>
</TS>
