<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>&amp;Add…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <source>Set up a channel</source>
        <translation>设置渠道</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>Change the selected channel</source>
        <translation>修改所选渠道</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <source>Delete the selected channel</source>
        <translation>删除所选渠道</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>Close this window</source>
        <translation>关闭此窗口</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>&amp;Channels</source>
        <translation>渠道(&amp;C)</translation>
    </message>
    <message>
        <source>pushgui&apos;s data was damaged and could not be restored</source>
        <translation>pushgui 的数据已损坏，无法恢复</translation>
    </message>
    <message>
        <source>pushgui&apos;s data was damaged and has been restored from a backup</source>
        <translation>pushgui 的数据已损坏，已从备份中恢复</translation>
    </message>
    <message>
        <source>When pushgui started, it found that the file holding your reminders, contacts and history was damaged, so it could not be used.</source>
        <translation>pushgui 启动时发现，保存提醒、联系人和历史记录的文件已损坏，无法使用。</translation>
    </message>
    <message>
        <source>The damaged file was not deleted. It was moved to:
%1</source>
        <translation>损坏的文件没有删除，已移动到：
%1</translation>
    </message>
    <message>
        <source>No usable backup was found, so pushgui started with no reminders. The old file is kept in case someone can rescue data from it.</source>
        <translation>没有找到可用的备份，因此 pushgui 以空白状态启动。旧文件已保留，以便日后尝试从中恢复数据。</translation>
    </message>
    <message>
        <source>Your data was restored from the backup taken on %1. Changes you made after that time may be missing: please check your recent reminders, contacts and channels.</source>
        <translation>你的数据已从 %1 的备份中恢复。此后所做的更改可能已丢失，请检查最近的提醒、联系人和渠道。</translation>
    </message>
    <message>
        <source>One newer backup was damaged too and was not used.</source>
        <translation>另有一个较新的备份也已损坏，未被使用。</translation>
    </message>
    <message>
        <source>%1 newer backups were damaged too and were not used.</source>
        <translation>另有 %1 个较新的备份也已损坏，未被使用。</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>pushgui keeps copies of your reminders, contacts, channels and history. It makes one every day and before each update, and keeps the newest few; copies you make yourself are kept until you delete them.</source>
        <translation>pushgui 会为你的提醒、联系人、渠道和历史记录保留副本：每天和每次更新前各备份一次，并保留最新的几份；你手动创建的副本会一直保留，直到你删除它们。</translation>
    </message>
    <message>
        <source>Folder: %1</source>
        <translation>文件夹：%1</translation>
    </message>
    <message>
        <source>There are no backups yet.</source>
        <translation>还没有备份。</translation>
    </message>
    <message>
        <source>Backing up</source>
        <translation>正在备份</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>Make a copy of your data now</source>
        <translation>立即为你的数据创建一份副本</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>Replace your data with the selected backup</source>
        <translation>用所选备份替换你的数据</translation>
    </message>
    <message>
        <source>The backups folder could not be read: %1</source>
        <translation>无法读取备份文件夹：%1</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>The backup could not be made. Check that the disk is not full and that pushgui may write to the backups folder, then try again. (%1)</source>
        <translation>无法创建备份。请检查磁盘是否已满、pushgui 是否有权写入备份文件夹，然后重试。（%1）</translation>
    </message>
    <message>
        <source>✓ Backed up. The copy is %1.</source>
        <translation>✓ 已备份。副本为 %1。</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Restore your data as it was on %1?</source>
        <translation>将数据恢复到 %1 时的状态吗？</translation>
    </message>
    <message>
        <source>Your current data is not deleted: it is kept aside in the data folder, so nothing is lost for good. Changes made after the backup was taken will not be in the restored data.

pushgui stops sending reminders for a moment, restores the backup, and starts again.</source>
        <translation>你当前的数据不会被删除，而是另存在数据文件夹中，因此不会永久丢失。备份之后所做的更改不会出现在恢复后的数据中。

pushgui 会暂停发送提醒片刻，恢复备份后重新启动。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
</context>
<context>
    <name>BackupsModel</name>
    <message>
        <source>Taken</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <source>Before an update</source>
        <translation>更新前</translation>
    </message>
</context>
<context>
    <name>CalendarEditor</name>
    <message>
        <source>Every day</source>
        <translation>每天</translation>
    </message>
    <message>
        <source>Weekdays (Mon–Fri)</source>
        <translation>工作日（周一至周五）</translation>
    </message>
    <message>
        <source>Weekends (Sat, Sun)</source>
        <translation>周末（周六、周日）</translation>
    </message>
    <message>
        <source>Chosen days of the week</source>
        <translation>每周的指定几天</translation>
    </message>
    <message>
        <source>Chosen days of the month</source>
        <translation>每月的指定日期</translation>
    </message>
    <message>
        <source>Last day of the month</source>
        <translation>每月最后一天</translation>
    </message>
    <message>
        <source>A weekday of the month (e.g. 2nd Tuesday)</source>
        <translation>每月的某个星期几（例如第 2 个周二）</translation>
    </message>
    <message>
        <source>Once a year, on a date</source>
        <translation>每年一次，在固定日期</translation>
    </message>
    <message>
        <source>Working days (holidays and make-up days)</source>
        <translation>工作日（含节假日和调休）</translation>
    </message>
    <message>
        <source>A working day of the month (first, last, Nth)</source>
        <translation>每月的某个工作日（第一个、最后一个、第 N 个）</translation>
    </message>
    <message>
        <source>Once a year, on a lunar date (农历)</source>
        <translation>每年一次，农历日期</translation>
    </message>
    <message>
        <source>Every lunar month, on a day (农历)</source>
        <translation>每个农历月的某一天</translation>
    </message>
    <message>
        <source>Advanced (crontab)</source>
        <translation>高级（crontab）</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>Day %1</source>
        <translation>%1 日</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>最后一个</translation>
    </message>
    <message>
        <source>The last day of each month (28th to 31st)</source>
        <translation>每月最后一天（28 日到 31 日）</translation>
    </message>
    <message>
        <source>Which one</source>
        <translation>哪一个</translation>
    </message>
    <message>
        <source>1st</source>
        <translation>第 1 个</translation>
    </message>
    <message>
        <source>2nd</source>
        <translation>第 2 个</translation>
    </message>
    <message>
        <source>3rd</source>
        <translation>第 3 个</translation>
    </message>
    <message>
        <source>4th</source>
        <translation>第 4 个</translation>
    </message>
    <message>
        <source>5th</source>
        <translation>第 5 个</translation>
    </message>
    <message>
        <source>Weekday</source>
        <translation>星期</translation>
    </message>
    <message>
        <source>of the month</source>
        <translation>（每月）</translation>
    </message>
    <message>
        <source>Day of the month</source>
        <translation>每月几号</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Crontab line</source>
        <translation>Crontab 表达式</translation>
    </message>
    <message>
        <source>minute hour day month weekday, e.g. 0 9 * * 1-5</source>
        <translation>分 时 日 月 星期，例如 0 9 * * 1-5</translation>
    </message>
    <message>
        <source>Only in some months</source>
        <translation>仅在部分月份</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>从(&amp;F)：</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>首日</translation>
    </message>
    <message>
        <source>&amp;Until:</source>
        <translation>直到(&amp;U)：</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>最后一天</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>重复(&amp;R)：</translation>
    </message>
    <message>
        <source>On:</source>
        <translation>于：</translation>
    </message>
    <message>
        <source>On days:</source>
        <translation>每月：</translation>
    </message>
    <message>
        <source>On the:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Lunar date:</source>
        <translation>农历日期：</translation>
    </message>
    <message>
        <source>Weeks:</source>
        <translation>周数：</translation>
    </message>
    <message>
        <source>&amp;Crontab:</source>
        <translation>Crontab(&amp;C)：</translation>
    </message>
    <message>
        <source>At:</source>
        <translation>时间：</translation>
    </message>
    <message>
        <source>Months:</source>
        <translation>月份：</translation>
    </message>
    <message>
        <source>Dates:</source>
        <translation>起止日期：</translation>
    </message>
    <message>
        <source>&amp;Working days:</source>
        <translation>工作日(&amp;W)：</translation>
    </message>
    <message>
        <source>On a &amp;day off:</source>
        <translation>遇到休息日(&amp;D)：</translation>
    </message>
    <message>
        <source>S&amp;kip dates:</source>
        <translation>跳过日期(&amp;K)：</translation>
    </message>
    <message>
        <source>Not a date: %1. Write dates like 2026-12-24.</source>
        <translation>不是日期：%1。请按 2026-12-24 的格式填写。</translation>
    </message>
    <message>
        <source>Tick at least one month.</source>
        <translation>请至少勾选一个月份。</translation>
    </message>
</context>
<context>
    <name>CalendarNotice</name>
    <message>
        <source>Holiday calendar notice</source>
        <translation>节假日日历提示</translation>
    </message>
    <message>
        <source>The holiday calendar now knows more days off and working days. Moved runs:</source>
        <translation>节假日日历已更新了休息日和工作日。以下运行时间已调整：</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <source>Holiday calendar updated</source>
        <translation>节假日日历已更新</translation>
    </message>
</context>
<context>
    <name>ChangeLogDialog</name>
    <message>
        <source>Changes to “%1”</source>
        <translation>“%1”的更改记录</translation>
    </message>
    <message>
        <source>This reminder has been deleted.</source>
        <translation>此提醒已被删除。</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>修改人</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>更改内容</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>更改记录</translation>
    </message>
    <message>
        <source>No changes recorded yet. pushgui records every change from this version on.</source>
        <translation>尚无更改记录。pushgui 从此版本起记录每一次更改。</translation>
    </message>
    <message>
        <source>Created by %1 on %2.</source>
        <translation>由 %1 于 %2 创建。</translation>
    </message>
    <message>
        <source>Created on %1.</source>
        <translation>创建于 %1。</translation>
    </message>
    <message>
        <source>Last changed by %1 on %2.</source>
        <translation>最近由 %1 于 %2 修改。</translation>
    </message>
    <message>
        <source>Last changed on %1.</source>
        <translation>最近修改于 %1。</translation>
    </message>
</context>
<context>
    <name>ChannelForm</name>
    <message>
        <source>The saved passwords and tokens could not be read ({0}); type them again.</source>
        <translation>无法读取保存的密码和令牌（{0}），请重新输入。</translation>
    </message>
    <message>
        <source>&amp;Paste the web address your service gave you:</source>
        <translation>粘贴服务提供的网址(&amp;P)：</translation>
    </message>
    <message>
        <source>Web address from your service</source>
        <translation>服务提供的网址</translation>
    </message>
    <message>
        <source>Channel name</source>
        <translation>渠道名称</translation>
    </message>
    <message>
        <source>e.g. Team group</source>
        <translation>例如 团队群</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Send the &amp;test to:</source>
        <translation>测试消息发送到(&amp;T)：</translation>
    </message>
    <message>
        <source>your address, e.g. me@example.com</source>
        <translation>你的地址，例如 me@example.com</translation>
    </message>
    <message>
        <source>Test recipient address</source>
        <translation>测试收件地址</translation>
    </message>
    <message>
        <source>Send &amp;test</source>
        <translation>发送测试(&amp;T)</translation>
    </message>
    <message>
        <source>Send a real test message with these settings</source>
        <translation>用这些设置真实发送一条测试消息</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <source>Advanced settings</source>
        <translation>高级设置</translation>
    </message>
    <message>
        <source>Edit channel — {0}</source>
        <translation>编辑渠道 — {0}</translation>
    </message>
    <message>
        <source>New channel — {0}</source>
        <translation>新建渠道 — {0}</translation>
    </message>
    <message>
        <source>Mail provider</source>
        <translation>邮件服务商</translation>
    </message>
    <message>
        <source>Other (fill in below)</source>
        <translation>其他（在下方填写）</translation>
    </message>
    <message>
        <source>Mail &amp;provider:</source>
        <translation>邮件服务商(&amp;P)：</translation>
    </message>
    <message>
        <source> seconds</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Give the channel a name</source>
        <translation>请给渠道起个名称</translation>
    </message>
    <message>
        <source>Filled in from the address.</source>
        <translation>已根据地址自动填写。</translation>
    </message>
    <message>
        <source>This is a {0} address, so the form is now for {0}.</source>
        <translation>这是{0}地址，表单已切换为{0}。</translation>
    </message>
    <message>
        <source>Enter the address the test should go to</source>
        <translation>请输入测试消息的收件地址</translation>
    </message>
    <message>
        <source>Sending a test message…</source>
        <translation>正在发送测试消息…</translation>
    </message>
    <message>
        <source>✓ Sent. Check that the test message arrived.</source>
        <translation>✓ 已发送。请确认测试消息已收到。</translation>
    </message>
    <message>
        <source>✗ Not sent: {0}</source>
        <translation>✗ 未发送：{0}</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>未说明原因</translation>
    </message>
    <message>
        <source>Nothing was saved: {0}</source>
        <translation>未保存任何内容：{0}</translation>
    </message>
</context>
<context>
    <name>ChannelTableModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
</context>
<context>
    <name>ChannelsWindow</name>
    <message>
        <source>Channels — pushgui</source>
        <translation>渠道 — pushgui</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>No channels yet. Click &lt;b&gt;Add&lt;/b&gt; (Ctrl+N) to set up a mail account or a chat bot; reminders shown on this computer need no channel.</source>
        <translation>还没有渠道。点击&lt;b&gt;添加&lt;/b&gt;（Ctrl+N）设置邮件账户或聊天机器人；只在这台电脑上显示的提醒不需要渠道。</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Delete channel</source>
        <translation>删除渠道</translation>
    </message>
    <message>
        <source>Delete “{0}”? Its password or token is removed too. Reminders that send through it will report a failure until you choose another channel.</source>
        <translation>删除“{0}”吗？它的密码或令牌也会一并删除。通过它发送的提醒将报告失败，直到你为它们选择其他渠道。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>The channel was not deleted: {0}</source>
        <translation>渠道未删除：{0}</translation>
    </message>
    <message>
        <source>Passwords and tokens are kept only until pushgui quits; after a restart, open each channel and type them again.</source>
        <translation>密码和令牌只保存到 pushgui 退出为止；重启后，需要打开每个渠道重新输入。</translation>
    </message>
    <message>
        <source>⚠ Passwords and tokens are stored unprotected in {0}.</source>
        <translation>⚠ 密码和令牌不加保护地存放在 {0} 中。</translation>
    </message>
    <message>
        <source>⚠ From now on passwords and tokens are stored unprotected in {0}.</source>
        <translation>⚠ 从现在起，密码和令牌将不加保护地存放在 {0} 中。</translation>
    </message>
    <message>
        <source>From now on passwords and tokens are kept only until pushgui quits; after a restart, open each channel and type them again.</source>
        <translation>从现在起，密码和令牌只保存到 pushgui 退出为止；重启后，需要打开每个渠道重新输入。</translation>
    </message>
</context>
<context>
    <name>ChoiceDelegate</name>
    <message>
        <source>What to do</source>
        <translation>处理方式</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>Edit contact</source>
        <translation>编辑联系人</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>新建联系人</translation>
    </message>
    <message>
        <source>e.g. Li Wei</source>
        <translation>例如 李伟</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Optional, e.g. @liwei</source>
        <translation>可选，例如 @liwei</translation>
    </message>
    <message>
        <source>Chat handle</source>
        <translation>聊天账号</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>电子邮件(&amp;E)：</translation>
    </message>
    <message>
        <source>Chat &amp;handle:</source>
        <translation>聊天账号(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <source>IDs for @mentions</source>
        <translation>用于 @提醒 的 ID</translation>
    </message>
    <message>
        <source>A bot pings this person by the ID of its service; leave the others empty.</source>
        <translation>机器人按各自服务的 ID 来 @ 此人；其余的留空即可。</translation>
    </message>
    <message>
        <source>Custom fields</source>
        <translation>自定义字段</translation>
    </message>
    <message>
        <source>Add field</source>
        <translation>添加字段</translation>
    </message>
    <message>
        <source>Remove field</source>
        <translation>移除字段</translation>
    </message>
    <message>
        <source>Extra facts a message can use: a field called “team” is written ${team} in a message.</source>
        <translation>消息中可以使用的额外信息：名为“team”的字段在消息中写作 ${team}。</translation>
    </message>
    <message>
        <source>Two fields are called “{0}”</source>
        <translation>有两个字段都叫“{0}”</translation>
    </message>
    <message>
        <source>The contact was not saved: {0}</source>
        <translation>联系人未保存：{0}</translation>
    </message>
</context>
<context>
    <name>ContactTableModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Chat handle</source>
        <translation>聊天账号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>分组</translation>
    </message>
</context>
<context>
    <name>ContactsWindow</name>
    <message>
        <source>Contacts — pushgui</source>
        <translation>联系人 — pushgui</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Create a group</source>
        <translation>创建分组</translation>
    </message>
    <message>
        <source>Rename the selected group</source>
        <translation>重命名所选分组</translation>
    </message>
    <message>
        <source>Delete the selected group (not its contacts)</source>
        <translation>删除所选分组（不删除其中的联系人）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Groups&lt;/b&gt;</source>
        <translation>&lt;b&gt;分组&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Search by name or email  (Ctrl+F)</source>
        <translation>按姓名或电子邮件搜索（Ctrl+F）</translation>
    </message>
    <message>
        <source>Search contacts</source>
        <translation>搜索联系人</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <source>Add a contact</source>
        <translation>添加联系人</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>Edit the selected contact</source>
        <translation>编辑所选联系人</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <source>Delete the selected contacts</source>
        <translation>删除所选联系人</translation>
    </message>
    <message>
        <source>Add to &amp;group…</source>
        <translation>加入分组(&amp;G)…</translation>
    </message>
    <message>
        <source>Add the selected contacts to a group</source>
        <translation>将所选联系人加入分组</translation>
    </message>
    <message>
        <source>&amp;Remove from group</source>
        <translation>从分组中移除(&amp;R)</translation>
    </message>
    <message>
        <source>Take the selected contacts out of this group (they are not deleted)</source>
        <translation>将所选联系人移出此分组（不会删除联系人）</translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <translation>导入 CSV(&amp;I)…</translation>
    </message>
    <message>
        <source>Add contacts from a CSV file</source>
        <translation>从 CSV 文件添加联系人</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>导出 CSV(&amp;X)…</translation>
    </message>
    <message>
        <source>Save the contacts shown to a CSV file</source>
        <translation>将显示的联系人保存为 CSV 文件</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>&amp;Contacts</source>
        <translation>联系人(&amp;C)</translation>
    </message>
    <message>
        <source>No contacts yet. Click &lt;b&gt;Add&lt;/b&gt; (Ctrl+N) or &lt;b&gt;Import CSV&lt;/b&gt; (Ctrl+I).</source>
        <translation>还没有联系人。点击&lt;b&gt;添加&lt;/b&gt;（Ctrl+N）或&lt;b&gt;导入 CSV&lt;/b&gt;（Ctrl+I）。</translation>
    </message>
    <message>
        <source>No contact matches “{0}”.</source>
        <translation>没有与“{0}”匹配的联系人。</translation>
    </message>
    <message>
        <source>This group is empty. Select contacts under &lt;b&gt;All contacts&lt;/b&gt; and use &lt;b&gt;Add to group&lt;/b&gt;.</source>
        <translation>此分组为空。请在&lt;b&gt;所有联系人&lt;/b&gt;中选择联系人，然后使用&lt;b&gt;加入分组&lt;/b&gt;。</translation>
    </message>
    <message>
        <source>All contacts</source>
        <translation>所有联系人</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>{0} contacts</source>
        <translation>{0} 个联系人</translation>
    </message>
    <message>
        <source>Delete {0}?</source>
        <translation>删除{0}吗？</translation>
    </message>
    <message>
        <source>… and {0} more</source>
        <translation>… 另有 {0} 项</translation>
    </message>
    <message>
        <source>These reminders still send to them and will no longer reach them:</source>
        <translation>以下提醒仍会发给他们，但将无法送达：</translation>
    </message>
    <message>
        <source>Delete contacts</source>
        <translation>删除联系人</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>The contacts could not be deleted</source>
        <translation>无法删除联系人</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n contact(s)</source>
        <translation>
            <numerusform>已删除 %n 个联系人</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete group</source>
        <translation>删除分组</translation>
    </message>
    <message>
        <source>Delete the group “{0}”? Its {1} contacts stay in your contacts; reminders sent to this group will no longer reach them.</source>
        <translation>删除分组“{0}”吗？其中的 {1} 个联系人仍保留在联系人中，但发给此分组的提醒将不再送达他们。</translation>
    </message>
    <message>
        <source>New group…</source>
        <translation>新建分组…</translation>
    </message>
    <message numerus="yes">
        <source>Added %n contact(s) to “{0}”</source>
        <translation>
            <numerusform>已将 %n 个联系人加入“{0}”</numerusform>
        </translation>
    </message>
    <message>
        <source>New group</source>
        <translation>新建分组</translation>
    </message>
    <message>
        <source>Import contacts</source>
        <translation>导入联系人</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt)</source>
        <translation>CSV 文件 (*.csv *.txt)</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n contact(s)</source>
        <translation>
            <numerusform>已导入 %n 个联系人</numerusform>
        </translation>
    </message>
    <message>
        <source>Export contacts</source>
        <translation>导出联系人</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>The file could not be written</source>
        <translation>无法写入文件</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n contact(s) to {0}</source>
        <translation>
            <numerusform>已将 %n 个联系人导出到 {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CsvImportDialog</name>
    <message>
        <source>Import contacts</source>
        <translation>导入联系人</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 上一步(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>下一步(&amp;N) &gt;</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>File preview</source>
        <translation>文件预览</translation>
    </message>
    <message>
        <source>Rows with problems</source>
        <translation>有问题的行</translation>
    </message>
    <message>
        <source>These rows will not be imported:</source>
        <translation>以下各行不会被导入：</translation>
    </message>
    <message>
        <source>Also add the imported contacts to the &amp;group</source>
        <translation>同时将导入的联系人加入分组(&amp;G)</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Choose or type a new name</source>
        <translation>选择或输入新名称</translation>
    </message>
    <message>
        <source>The file has a header line but no contacts under it</source>
        <translation>文件只有标题行，下面没有联系人</translation>
    </message>
    <message>
        <source>The file could not be opened: {0}</source>
        <translation>无法打开文件：{0}</translation>
    </message>
    <message>
        <source>the first {0}</source>
        <translation>前 {0} 行</translation>
    </message>
    <message>
        <source>{rows} rows and {columns} columns, read as {encoding}. {shown}</source>
        <translation>{rows} 行 {columns} 列，按 {encoding} 读取。{shown}</translation>
    </message>
    <message>
        <source>Showing {0}.</source>
        <translation>显示了{0}。</translation>
    </message>
    <message>
        <source>This file cannot be imported. {0}. Nothing was imported.</source>
        <translation>无法导入此文件。{0}。未导入任何内容。</translation>
    </message>
    <message>
        <source>The file cannot be read</source>
        <translation>无法读取该文件</translation>
    </message>
    <message>
        <source>Save the spreadsheet as “CSV UTF-8 (comma delimited)” and try again.</source>
        <translation>请将表格另存为“CSV UTF-8（逗号分隔）”后重试。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Chat handle</source>
        <translation>聊天账号</translation>
    </message>
    <message>
        <source>(column {0}, no title)</source>
        <translation>（第 {0} 列，无标题）</translation>
    </message>
    <message>
        <source>Import column {0} as</source>
        <translation>将第 {0} 列导入为</translation>
    </message>
    <message>
        <source>Custom field “{0}”</source>
        <translation>自定义字段“{0}”</translation>
    </message>
    <message>
        <source>Skip this column</source>
        <translation>跳过此列</translation>
    </message>
    <message>
        <source>Choose which column holds the names (“Import as: Name”).</source>
        <translation>请指定哪一列是姓名（“导入为：姓名”）。</translation>
    </message>
    <message>
        <source>The columns {0} are all imported as “{1}”: choose the one to use and set the others to “Skip this column”.</source>
        <translation>{0} 这几列都导入为“{1}”：请选定要用的一列，其余设为“跳过此列”。</translation>
    </message>
    <message>
        <source>Step 1 of 3: Check the file</source>
        <translation>第 1 步（共 3 步）：检查文件</translation>
    </message>
    <message>
        <source>These are the first rows of the file. The first line holds the titles.</source>
        <translation>以下是文件的前几行，第一行是标题。</translation>
    </message>
    <message>
        <source>Step 2 of 3: Match the columns</source>
        <translation>第 2 步（共 3 步）：匹配各列</translation>
    </message>
    <message>
        <source>Say what each column holds. Columns you skip are not imported.</source>
        <translation>请说明每一列的内容。跳过的列不会导入。</translation>
    </message>
    <message>
        <source>Step 3 of 3: Check and import</source>
        <translation>第 3 步（共 3 步）：检查并导入</translation>
    </message>
    <message>
        <source>Nothing has been imported yet. Click Import to add the contacts.</source>
        <translation>尚未导入任何内容。点击“导入”添加这些联系人。</translation>
    </message>
    <message numerus="yes">
        <source>Will import &lt;b&gt;%n&lt;/b&gt; contact(s)</source>
        <translation>
            <numerusform>将导入 &lt;b&gt;%n&lt;/b&gt; 个联系人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>rows with errors: &lt;b&gt;%n&lt;/b&gt;</source>
        <translation>
            <numerusform>有错误的行：&lt;b&gt;%n&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>duplicates: &lt;b&gt;%n&lt;/b&gt;</source>
        <translation>
            <numerusform>重复：&lt;b&gt;%n&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Same email address as {0}</source>
        <translation>与{0}的电子邮件地址相同</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>No row can be imported; go back and check the columns.</source>
        <translation>没有可以导入的行，请返回检查各列。</translation>
    </message>
    <message>
        <source>Nothing was imported: {0}</source>
        <translation>未导入任何内容：{0}</translation>
    </message>
</context>
<context>
    <name>DayOptions</name>
    <message>
        <source>Working-day calendar</source>
        <translation>工作日日历</translation>
    </message>
    <message>
        <source>Mon–Fri, no holidays</source>
        <translation>周一至周五，不含节假日</translation>
    </message>
    <message>
        <source>China (holidays and make-up working days)</source>
        <translation>中国（节假日和调休）</translation>
    </message>
    <message>
        <source>Hong Kong</source>
        <translation>中国香港</translation>
    </message>
    <message>
        <source>Taiwan</source>
        <translation>中国台湾</translation>
    </message>
    <message>
        <source>Singapore</source>
        <translation>新加坡</translation>
    </message>
    <message>
        <source>Japan</source>
        <translation>日本</translation>
    </message>
    <message>
        <source>United States</source>
        <translation>美国</translation>
    </message>
    <message>
        <source>United Kingdom</source>
        <translation>英国</translation>
    </message>
    <message>
        <source>Germany</source>
        <translation>德国</translation>
    </message>
    <message>
        <source>Other country or region…</source>
        <translation>其他国家或地区…</translation>
    </message>
    <message>
        <source>e.g. FR or DE-BY</source>
        <translation>例如 FR 或 DE-BY</translation>
    </message>
    <message>
        <source>Country or region code</source>
        <translation>国家或地区代码</translation>
    </message>
    <message>
        <source>Which working day</source>
        <translation>第几个工作日</translation>
    </message>
    <message>
        <source>First</source>
        <translation>第一个</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>最后一个</translation>
    </message>
    <message>
        <source>Number %1</source>
        <translation>第 %1 个</translation>
    </message>
    <message>
        <source>working day of the month</source>
        <translation>工作日（每月）</translation>
    </message>
    <message>
        <source>Lunar month</source>
        <translation>农历月</translation>
    </message>
    <message>
        <source>Lunar day</source>
        <translation>农历日</translation>
    </message>
    <message>
        <source>A yearly lunar date runs in the regular month, not in a leap month; a monthly one runs in leap months too. Day 30 runs on day 29 in a short month.</source>
        <translation>每年的农历日期只在正常月份运行，不在闰月运行；每月的农历日在闰月也运行。小月没有三十，改在廿九运行。</translation>
    </message>
    <message>
        <source>On a day off</source>
        <translation>遇到休息日</translation>
    </message>
    <message>
        <source>Run anyway</source>
        <translation>照常运行</translation>
    </message>
    <message>
        <source>Skip that run</source>
        <translation>跳过这次</translation>
    </message>
    <message>
        <source>Move to the working day before</source>
        <translation>提前到前一个工作日</translation>
    </message>
    <message>
        <source>Move to the next working day</source>
        <translation>顺延到下一个工作日</translation>
    </message>
    <message>
        <source>Every how many weeks</source>
        <translation>每隔几周</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>每</translation>
    </message>
    <message>
        <source>weeks (counted from the start date)</source>
        <translation>周（从开始日期起算）</translation>
    </message>
    <message>
        <source>e.g. 2026-12-24, 2026-12-31</source>
        <translation>例如 2026-12-24, 2026-12-31</translation>
    </message>
    <message>
        <source>Dates to skip</source>
        <translation>跳过的日期</translation>
    </message>
    <message>
        <source>End after</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Number of runs</source>
        <translation>运行次数</translation>
    </message>
    <message>
        <source>runs</source>
        <translation>次后结束</translation>
    </message>
</context>
<context>
    <name>DeliveryDialog</name>
    <message>
        <source>Delivery to %1</source>
        <translation>投递给 %1</translation>
    </message>
    <message>
        <source>Reminder:</source>
        <translation>提醒：</translation>
    </message>
    <message>
        <source>Recipient:</source>
        <translation>收件人：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>渠道：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Tries:</source>
        <translation>尝试次数：</translation>
    </message>
    <message>
        <source>Scheduled for:</source>
        <translation>计划时间：</translation>
    </message>
    <message>
        <source>Started:</source>
        <translation>开始时间：</translation>
    </message>
    <message>
        <source>Finished:</source>
        <translation>完成时间：</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>No error.</source>
        <translation>没有错误。</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Error:</source>
        <translation>错误：</translation>
    </message>
</context>
<context>
    <name>DeliveryOptionsEditor</name>
    <message>
        <source>Number of retries</source>
        <translation>重试次数</translation>
    </message>
    <message>
        <source>Wait before the first retry</source>
        <translation>首次重试前的等待时间</translation>
    </message>
    <message>
        <source>Unit of the wait</source>
        <translation>等待时间的单位</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>times, first after</source>
        <translation>次，首次间隔</translation>
    </message>
    <message>
        <source>Each later try waits twice as long as the one before.</source>
        <translation>之后每次重试的等待时间都是前一次的两倍。</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>&amp;Add files…</source>
        <translation>添加文件(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>Sent with emails only; chats and notifications get the text.</source>
        <translation>仅随电子邮件发送；聊天和通知只收到文字。</translation>
    </message>
    <message>
        <source>What to do with missed times</source>
        <translation>如何处理错过的时间</translation>
    </message>
    <message>
        <source>Send it once, as soon as possible</source>
        <translation>尽快补发一次</translation>
    </message>
    <message>
        <source>Send every missed time</source>
        <translation>错过的每一次都补发</translation>
    </message>
    <message>
        <source>Skip missed times</source>
        <translation>跳过错过的时间</translation>
    </message>
    <message>
        <source>Send it only if it is less than…</source>
        <translation>仅在延迟不超过…时发送</translation>
    </message>
    <message>
        <source> minutes late</source>
        <translation> 分钟内</translation>
    </message>
    <message>
        <source>How late a missed time may still be sent</source>
        <translation>错过后最多延迟多久仍可发送</translation>
    </message>
    <message>
        <source>For times that passed while the computer was off or asleep, or pushgui was closed. Every missed time is listed in the history.</source>
        <translation>用于电脑关机、睡眠或 pushgui 未运行期间错过的时间。每次错过都会记录在历史记录中。</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source> minutes before</source>
        <translation> 分钟前</translation>
    </message>
    <message>
        <source>Heads-up before sending to others</source>
        <translation>发给他人前先提醒</translation>
    </message>
    <message>
        <source>Before sending to other people: skip, edit or send it now.</source>
        <translation>发给他人之前提醒你：可以跳过、编辑或立即发送。</translation>
    </message>
    <message>
        <source>If a time is missed:</source>
        <translation>错过时间时：</translation>
    </message>
    <message>
        <source>Heads-up:</source>
        <translation>事先提醒：</translation>
    </message>
    <message>
        <source>If sending fails:</source>
        <translation>发送失败时：</translation>
    </message>
    <message>
        <source>Attachments:</source>
        <translation>附件：</translation>
    </message>
    <message>
        <source>Attachments cannot be copied here</source>
        <translation>附件无法复制到这里</translation>
    </message>
    <message>
        <source>Attach at most %1 files</source>
        <translation>最多附加 %1 个文件</translation>
    </message>
    <message>
        <source>%1 cannot be found; remove it or add it again</source>
        <translation>找不到 %1，请移除或重新添加</translation>
    </message>
    <message>
        <source>No retries</source>
        <translation>不重试</translation>
    </message>
    <message>
        <source>Retry once if sending fails</source>
        <translation>发送失败时重试 1 次</translation>
    </message>
    <message>
        <source>Retry %1 times if sending fails</source>
        <translation>发送失败时重试 %1 次</translation>
    </message>
    <message>
        <source>, 1 attachment</source>
        <translation>，1 个附件</translation>
    </message>
    <message>
        <source>, %1 attachments</source>
        <translation>，%1 个附件</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>附加文件</translation>
    </message>
</context>
<context>
    <name>DesktopShell</name>
    <message>
        <source>“{push}” could not be delivered to {who}: {error}</source>
        <translation>“{push}”未能送达 {who}：{error}</translation>
    </message>
    <message>
        <source>{count} deliveries failed, the first to {who}: {error}</source>
        <translation>{count} 条投递失败，第一条发给 {who}：{error}</translation>
    </message>
    <message>
        <source>A message was not delivered</source>
        <translation>有一条消息没有送达</translation>
    </message>
    <message>
        <source>Click to see the history.</source>
        <translation>点击查看历史记录。</translation>
    </message>
    <message>
        <source>pushgui is still running</source>
        <translation>pushgui 仍在运行</translation>
    </message>
    <message>
        <source>Your reminders will be sent on time. Use the tray icon to open pushgui or to quit it.</source>
        <translation>你的提醒会按时发送。可通过托盘图标打开或退出 pushgui。</translation>
    </message>
</context>
<context>
    <name>DryRunDialog</name>
    <message>
        <source>Dry run</source>
        <translation>试运行</translation>
    </message>
    <message>
        <source>Nothing was sent. If this reminder ran now (%1), this is what</source>
        <translation>没有发送任何内容。假如这个提醒现在（%1）运行，</translation>
    </message>
    <message>
        <source>its 1 recipient would get.</source>
        <translation>它的 1 位收件人将收到如下内容。</translation>
    </message>
    <message>
        <source>each of its %2 recipients would get.</source>
        <translation>它的 %2 位收件人将各自收到如下内容。</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Message as sent</source>
        <translation>实际发送的消息</translation>
    </message>
</context>
<context>
    <name>DryRunModel</name>
    <message>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
</context>
<context>
    <name>DutyRotationEditor</name>
    <message>
        <source>&amp;Duty rotation: ${on_duty} names who is on duty</source>
        <extracomment>Runs the preview lists.</extracomment>
        <translation>值班轮换(&amp;D)：${on_duty}（或 ${值班人}）给出当天值班的人</translation>
    </message>
    <message>
        <source>Take the people from group</source>
        <translation>从群组选人</translation>
    </message>
    <message>
        <source>Turn order</source>
        <translation>轮值顺序</translation>
    </message>
    <message>
        <source>First person on duty on</source>
        <translation>第一位值班的日期</translation>
    </message>
    <message>
        <source>Turn moves</source>
        <translation>轮换频率</translation>
    </message>
    <message>
        <source>each day</source>
        <translation>每天轮换</translation>
    </message>
    <message>
        <source>each week</source>
        <translation>每周轮换</translation>
    </message>
    <message>
        <source>Which days count</source>
        <translation>哪些日子计入</translation>
    </message>
    <message>
        <source>every day counts</source>
        <translation>每天都计入</translation>
    </message>
    <message>
        <source>Monday to Friday count</source>
        <translation>周一至周五计入</translation>
    </message>
    <message>
        <source>China&apos;s working days count</source>
        <translation>中国工作日计入（含调休）</translation>
    </message>
    <message>
        <source>Swap date</source>
        <translation>换班日期</translation>
    </message>
    <message>
        <source>Takes the turn</source>
        <translation>替班人</translation>
    </message>
    <message>
        <source>&amp;Swap</source>
        <translation>换班(&amp;S)</translation>
    </message>
    <message>
        <source>This person takes the turn on this date</source>
        <translation>此人在该日期替班</translation>
    </message>
    <message>
        <source>Swaps</source>
        <translation>换班</translation>
    </message>
    <message>
        <source>Remove swap</source>
        <translation>删除换班</translation>
    </message>
    <message>
        <source>People from:</source>
        <translation>人员来自：</translation>
    </message>
    <message>
        <source>First on duty on:</source>
        <translation>首次值班：</translation>
    </message>
    <message>
        <source>Drag to reorder, or Alt+Up / Alt+Down.</source>
        <translation>拖动调整顺序，或按 Alt+上 / Alt+下。</translation>
    </message>
    <message>
        <source>Choose a group…</source>
        <translation>选择群组…</translation>
    </message>
    <message>
        <source>%1: %2 takes the turn</source>
        <translation>%1：由 %2 替班</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>On duty at the next runs:</source>
        <translation>接下来几次的值班人：</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>pushgui: something went wrong</source>
        <translation>pushgui：出了点问题</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sorry, something went wrong in pushgui.&lt;/b&gt;</source>
        <translation>&lt;b&gt;抱歉，pushgui 出了点问题。&lt;/b&gt;</translation>
    </message>
    <message>
        <source>pushgui keeps sending your reminders; you can go on using it. If this happens again, click &lt;b&gt;Copy details&lt;/b&gt; and send them to &lt;a href=&quot;{url}&quot;&gt;{url}&lt;/a&gt;.</source>
        <translation>pushgui 会继续发送你的提醒，你可以继续使用。如果再次出现这个问题，请点击&lt;b&gt;复制详细信息&lt;/b&gt;，并发送到 &lt;a href=&quot;{url}&quot;&gt;{url}&lt;/a&gt;。</translation>
    </message>
    <message>
        <source>Error details</source>
        <translation>错误详情</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>复制详细信息(&amp;C)</translation>
    </message>
    <message>
        <source>Show &amp;details</source>
        <translation>显示详细信息(&amp;D)</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message numerus="yes">
        <source>This happened %n time(s) since this window opened.</source>
        <translation>
            <numerusform>此窗口打开以来已发生 %n 次。</numerusform>
        </translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>Hide &amp;details</source>
        <translation>隐藏详细信息(&amp;D)</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>pushgui: change refused</source>
        <extracomment>A change the team database refused (a viewer&apos;s): said plainly, never as a crash.</extracomment>
        <translation>pushgui：更改被拒绝</translation>
    </message>
</context>
<context>
    <name>FieldsModel</name>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
</context>
<context>
    <name>FormatBar</name>
    <message>
        <source>Plain text</source>
        <translation>纯文本</translation>
    </message>
    <message>
        <source>Formatted</source>
        <translation>带格式</translation>
    </message>
    <message>
        <source>Message format</source>
        <translation>消息格式</translation>
    </message>
    <message>
        <source>Formatted: bold, links and lists, shown in each service&apos;s own way</source>
        <translation>带格式：加粗、链接和列表，按各服务自己的方式显示</translation>
    </message>
    <message>
        <source>Bold</source>
        <translation>加粗</translation>
    </message>
    <message>
        <source>Bold (Ctrl+B)</source>
        <translation>加粗 (Ctrl+B)</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>链接</translation>
    </message>
    <message>
        <source>Link (Ctrl+K)</source>
        <translation>链接 (Ctrl+K)</translation>
    </message>
    <message>
        <source>List</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>Bulleted list</source>
        <translation>项目符号列表</translation>
    </message>
    <message>
        <source>bold text</source>
        <translation>加粗文字</translation>
    </message>
    <message>
        <source>link text</source>
        <translation>链接文字</translation>
    </message>
</context>
<context>
    <name>GroupNameDialog</name>
    <message>
        <source>Rename group</source>
        <translation>重命名分组</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>新建分组</translation>
    </message>
    <message>
        <source>e.g. Sales team</source>
        <translation>例如 销售团队</translation>
    </message>
    <message>
        <source>Group name</source>
        <translation>分组名称</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Group &amp;name:</source>
        <translation>分组名称(&amp;N)：</translation>
    </message>
</context>
<context>
    <name>HeadsUpPresenter</name>
    <message>
        <source>“{name}” was not skipped: it was already sent or changed</source>
        <translation>“{name}”未跳过：它已经发送或已被修改</translation>
    </message>
    <message>
        <source>“{name}” is skipped this time</source>
        <translation>“{name}”这次已跳过</translation>
    </message>
    <message>
        <source>Sending “{name}” now</source>
        <translation>正在发送“{name}”</translation>
    </message>
</context>
<context>
    <name>HeadsUpWindow</name>
    <message>
        <source>Sending soon: {name}</source>
        <translation>即将发送：{name}</translation>
    </message>
    <message>
        <source>“{name}” is sent at {time}</source>
        <translation>“{name}”将于 {time} 发送</translation>
    </message>
    <message>
        <source>S&amp;kip this time</source>
        <translation>跳过这一次(&amp;K)</translation>
    </message>
    <message>
        <source>Do not send it now; later times stay as they are</source>
        <translation>这次不发送，之后的时间不变</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>Change the message or who receives it</source>
        <translation>修改消息或收件人</translation>
    </message>
    <message>
        <source>Send &amp;now</source>
        <translation>立即发送(&amp;N)</translation>
    </message>
    <message>
        <source>Send it right away instead of at {time}</source>
        <translation>立即发送，而不是在 {time} 发送</translation>
    </message>
    <message>
        <source>Send as &amp;planned</source>
        <translation>按计划发送(&amp;P)</translation>
    </message>
    <message>
        <source>Close this and send it on time</source>
        <translation>关闭此窗口，按时发送</translation>
    </message>
    <message>
        <source>It was sent at {time}.</source>
        <translation>已于 {time} 发送。</translation>
    </message>
    <message>
        <source>In 1 minute. Nothing is sent before then.</source>
        <translation>1 分钟后发送，在此之前不会发出任何内容。</translation>
    </message>
    <message>
        <source>In {n} minutes. Nothing is sent before then.</source>
        <translation>{n} 分钟后发送，在此之前不会发出任何内容。</translation>
    </message>
</context>
<context>
    <name>HistoryTableModel</name>
    <message>
        <source>Started</source>
        <extracomment>Text colour per status, for light and for dark window backgrounds.</extracomment>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Retrying</source>
        <translation>重试中</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>暂缓</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <source>Superseded</source>
        <translation>已被取代</translation>
    </message>
    <message>
        <source>Waiting for the service&apos;s rate limit; sends about %1</source>
        <translation>等待服务的发送频率限制，约 %1 发送</translation>
    </message>
    <message>
        <source>Held until %1 by quiet hours</source>
        <translation>因免打扰时段暂缓至 %1</translation>
    </message>
    <message>
        <source>Next try about %1</source>
        <translation>约 %1 再次尝试</translation>
    </message>
    <message>
        <source>Next try about %1: %2</source>
        <translation>约 %1 再次尝试：%2</translation>
    </message>
    <message>
        <source>Desktop</source>
        <translation>桌面</translation>
    </message>
    <message>
        <source>Me</source>
        <translation>我</translation>
    </message>
    <message>
        <source>Scheduled for %1</source>
        <translation>计划于 %1</translation>
    </message>
</context>
<context>
    <name>HistoryWindow</name>
    <message>
        <source>History</source>
        <extracomment>Deliveries that *Retry now* offers to send again.</extracomment>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>所有状态</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Retrying</source>
        <translation>重试中</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Superseded</source>
        <translation>已被取代</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Search recipient or address</source>
        <translation>搜索收件人或地址</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Show the newest deliveries (F5)</source>
        <translation>显示最新的投递（F5）</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>导出 CSV(&amp;E)…</translation>
    </message>
    <message>
        <source>Retry &amp;now</source>
        <translation>立即重试(&amp;N)</translation>
    </message>
    <message>
        <source>Send the selected failed or interrupted delivery again now</source>
        <translation>立即重新发送所选的失败或中断的消息</translation>
    </message>
    <message>
        <source>&amp;Reminder:</source>
        <translation>提醒(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>状态(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>从(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>到(&amp;T)：</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>投递</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>All reminders</source>
        <translation>所有提醒</translation>
    </message>
    <message>
        <source>The history could not be read. Details are in the log file.</source>
        <translation>无法读取历史记录，详细信息见日志文件。</translation>
    </message>
    <message>
        <source>Showing the newest %1 deliveries; narrow the filters to see more.</source>
        <translation>显示最新的 %1 条投递；缩小筛选范围可查看更多。</translation>
    </message>
    <message>
        <source>No deliveries match these filters.</source>
        <translation>没有符合这些筛选条件的投递。</translation>
    </message>
    <message>
        <source>1 delivery</source>
        <translation>1 条投递</translation>
    </message>
    <message>
        <source>%1 deliveries</source>
        <translation>%1 条投递</translation>
    </message>
    <message>
        <source>Export history</source>
        <translation>导出历史记录</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Exported %1 deliveries to %2</source>
        <translation>已将 %1 条投递记录导出到 %2</translation>
    </message>
</context>
<context>
    <name>ImportSecretsDialog</name>
    <message>
        <source>Enter the passwords and tokens</source>
        <translation>输入密码和令牌</translation>
    </message>
    <message>
        <source>The import created these channels without their passwords or tokens (an export never contains them). Reminders sent through them fail until you enter them here, or later in Channels.</source>
        <translation>导入创建了以下渠道，但没有它们的密码或令牌（导出文件从不包含这些）。在此处或稍后在“渠道”中输入之前，通过它们发送的提醒都会失败。</translation>
    </message>
    <message>
        <source>Not entered yet</source>
        <translation>尚未输入</translation>
    </message>
    <message>
        <source>Enter…</source>
        <translation>输入…</translation>
    </message>
    <message>
        <source>Enter the secrets of {name}</source>
        <translation>输入 {name} 的密码或令牌</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>稍后(&amp;L)</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>更改…</translation>
    </message>
</context>
<context>
    <name>InterruptedDialog</name>
    <message>
        <source>Some messages may not have been sent</source>
        <translation>部分消息可能没有发出</translation>
    </message>
    <message>
        <source>pushgui stopped while it was sending these, perhaps because of a crash or a power cut. Each one may or may not have arrived. Resend the ones that matter (the recipient may then get it twice), or dismiss them to leave them unsent.</source>
        <translation>pushgui 在发送这些消息时停止了，可能是程序崩溃或断电。每条消息都可能已送达，也可能没有。请重新发送重要的消息（收件人可能会收到两次），或忽略它们，不再发送。</translation>
    </message>
    <message>
        <source>Interrupted messages</source>
        <translation>中断的消息</translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Resend selected</source>
        <translation>重新发送所选(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Dismiss selected</source>
        <translation>忽略所选(&amp;D)</translation>
    </message>
    <message>
        <source>Send the checked messages again now</source>
        <translation>立即重新发送勾选的消息</translation>
    </message>
    <message>
        <source>Leave the checked messages unsent; the history keeps them as skipped</source>
        <translation>不发送勾选的消息，历史记录中将其记为已跳过</translation>
    </message>
    <message>
        <source>Decide later: they stay in the history</source>
        <translation>以后再决定：它们会留在历史记录中</translation>
    </message>
    <message>
        <source>One message may not have been sent.</source>
        <translation>有一条消息可能没有发出。</translation>
    </message>
    <message>
        <source>%1 messages may not have been sent.</source>
        <translation>%1 条消息可能没有发出。</translation>
    </message>
    <message>
        <source>%1 of %2 selected</source>
        <translation>已选 %1 / %2</translation>
    </message>
</context>
<context>
    <name>InterruptedModel</name>
    <message>
        <source>Reminder</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Me</source>
        <translation>我</translation>
    </message>
    <message>
        <source>Desktop</source>
        <translation>桌面</translation>
    </message>
</context>
<context>
    <name>IntervalEditor</name>
    <message>
        <source>Repeat every</source>
        <translation>重复间隔</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>First run</source>
        <translation>首次运行</translation>
    </message>
    <message>
        <source>&amp;Stop after:</source>
        <translation>结束于(&amp;S)：</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>上次运行</translation>
    </message>
    <message>
        <source>E&amp;very:</source>
        <translation>每(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Starting:</source>
        <translation>开始于(&amp;S)：</translation>
    </message>
    <message>
        <source>minute</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>day</source>
        <translation>天</translation>
    </message>
    <message>
        <source>week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>weeks</source>
        <translation>周</translation>
    </message>
</context>
<context>
    <name>KindPicker</name>
    <message>
        <source>Add a channel</source>
        <translation>添加渠道</translation>
    </message>
    <message>
        <source>&lt;b&gt;Where should pushgui send messages?&lt;/b&gt;</source>
        <translation>&lt;b&gt;pushgui 应该把消息发到哪里？&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Hover over a service to see what it is for.</source>
        <translation>将鼠标悬停在服务上可查看其用途。</translation>
    </message>
</context>
<context>
    <name>ListStatus</name>
    <message>
        <source>Next: {name}, {when}</source>
        <translation>下一个：{name}，{when}</translation>
    </message>
    <message numerus="yes">
        <source>Open reminders (%n)</source>
        <translation>
            <numerusform>未处理的提醒（%n）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Filter by name or title  (Ctrl+F)</source>
        <translation>按名称或标题筛选（Ctrl+F）</translation>
    </message>
    <message>
        <source>Filter reminders</source>
        <translation>筛选提醒</translation>
    </message>
    <message>
        <source>Show &amp;finished</source>
        <translation>显示已结束(&amp;F)</translation>
    </message>
    <message>
        <source>Also list reminders with no run left, such as one-offs that were sent</source>
        <translation>同时列出不再运行的提醒，例如已发送的一次性提醒</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>No reminders yet. Click &lt;b&gt;New&lt;/b&gt; (Ctrl+N) to create your first one.</source>
        <translation>还没有提醒。点击&lt;b&gt;新建&lt;/b&gt;（Ctrl+N）创建第一个提醒。</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>新建(&amp;N)…</translation>
    </message>
    <message>
        <source>Create a reminder</source>
        <translation>创建提醒</translation>
    </message>
    <message>
        <source>New from &amp;template…</source>
        <translation>从模板新建(&amp;T)…</translation>
    </message>
    <message>
        <source>Start a reminder from a saved message</source>
        <translation>用保存的消息新建提醒</translation>
    </message>
    <message>
        <source>S&amp;kip next run</source>
        <translation>跳过下一次(&amp;K)</translation>
    </message>
    <message>
        <source>Do not send the selected reminder next time; later times stay</source>
        <translation>所选提醒下次不发送，之后的时间不变</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>Edit the selected reminder</source>
        <translation>编辑所选提醒</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>创建副本(&amp;U)</translation>
    </message>
    <message>
        <source>Make a copy of the selected reminder</source>
        <translation>复制所选提醒</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <source>Delete the selected reminder</source>
        <translation>删除所选提醒</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Pause or resume the selected reminder</source>
        <translation>暂停或恢复所选提醒</translation>
    </message>
    <message>
        <source>&amp;Run now</source>
        <translation>立即运行(&amp;R)</translation>
    </message>
    <message>
        <source>Send the selected reminder now</source>
        <translation>立即发送所选提醒</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Add reminders from an export file</source>
        <translation>从导出文件添加提醒</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>Save all reminders to a file</source>
        <translation>将所有提醒保存到文件</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Stop pushgui; no reminders are sent until it runs again</source>
        <translation>退出 pushgui；再次运行前不会发送任何提醒</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;About pushgui</source>
        <translation>关于 pushgui(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Backups…</source>
        <translation>备份(&amp;B)…</translation>
    </message>
    <message>
        <source>Back up now, or restore</source>
        <translation>立即备份或恢复</translation>
    </message>
    <message>
        <source>&amp;Contacts…</source>
        <translation>联系人(&amp;C)…</translation>
    </message>
    <message>
        <source>People and groups</source>
        <translation>联系人和分组</translation>
    </message>
    <message>
        <source>Cha&amp;nnels…</source>
        <translation>渠道(&amp;N)…</translation>
    </message>
    <message>
        <source>Email accounts and chat bots to send through</source>
        <translation>用于发送的电子邮件账户和聊天机器人</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>历史记录(&amp;H)…</translation>
    </message>
    <message>
        <source>What was sent, and what failed</source>
        <translation>已发送和失败的内容</translation>
    </message>
    <message>
        <source>C&amp;hanges…</source>
        <translation>更改记录(&amp;H)…</translation>
    </message>
    <message>
        <source>Who changed the selected reminder, when, and what</source>
        <translation>谁在何时对所选提醒做了哪些更改</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Reminder</source>
        <translation>提醒(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Own days off and working days…</source>
        <translation>本公司休息日和工作日(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Language, theme, defaults for new reminders, start at login</source>
        <translation>语言、主题、新提醒的默认设置、登录时启动</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <source>Show pushgui&apos;s log files, to send them along with a problem report</source>
        <translation>显示 pushgui 的日志文件，以便随问题报告一起发送</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Re&amp;sume</source>
        <translation>恢复(&amp;S)</translation>
    </message>
    <message>
        <source>New reminder</source>
        <translation>新建提醒</translation>
    </message>
    <message>
        <source>Edit reminder</source>
        <translation>编辑提醒</translation>
    </message>
    <message>
        <source>Saved “{name}”</source>
        <translation>已保存“{name}”</translation>
    </message>
    <message>
        <source>The reminder could not be duplicated</source>
        <translation>无法复制提醒</translation>
    </message>
    <message>
        <source>Delete reminder</source>
        <translation>删除提醒</translation>
    </message>
    <message>
        <source>Delete “{name}”? It will not be sent again, and its history is removed.</source>
        <translation>删除“{name}”吗？它将不再发送，历史记录也会一并删除。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>The reminder could not be deleted</source>
        <translation>无法删除提醒</translation>
    </message>
    <message>
        <source>Deleted “{name}”</source>
        <translation>已删除“{name}”</translation>
    </message>
    <message>
        <source>The reminder could not be restored</source>
        <translation>无法恢复提醒</translation>
    </message>
    <message>
        <source>Restored “{name}”</source>
        <translation>已恢复“{name}”</translation>
    </message>
    <message>
        <source>The reminder could not be changed</source>
        <translation>无法修改提醒</translation>
    </message>
    <message>
        <source>Sending now…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>The next run could not be skipped</source>
        <translation>无法跳过下一次运行</translation>
    </message>
    <message>
        <source>The run of {when} is skipped</source>
        <translation>{when} 的运行已跳过</translation>
    </message>
    <message>
        <source>Saved the template “{name}”</source>
        <translation>已保存模板“{name}”</translation>
    </message>
    <message>
        <source>Import reminders</source>
        <translation>导入提醒</translation>
    </message>
    <message>
        <source>pushgui export (*.json)</source>
        <translation>pushgui 导出文件 (*.json)</translation>
    </message>
    <message>
        <source>Nothing was imported</source>
        <translation>未导入任何内容</translation>
    </message>
    <message>
        <source>The file has problems; fix them and import again:</source>
        <translation>文件有问题，请修正后重新导入：</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>……还有 %n 项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n reminder(s)</source>
        <translation>
            <numerusform>已导入 %n 个提醒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Import %n reminder(s)?</source>
        <translation>
            <numerusform>导入 %n 个提醒？</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Export reminders</source>
        <translation>导出提醒</translation>
    </message>
    <message>
        <source>The file could not be written</source>
        <translation>无法写入文件</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>已导出到 {path}</translation>
    </message>
    <message>
        <source>About pushgui</source>
        <translation>关于 pushgui</translation>
    </message>
    <message>
        <source>&lt;h3&gt;pushgui {version}&lt;/h3&gt;&lt;p&gt;Compose a message, choose who gets it and when; pushgui sends it on time from the system tray.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;pushgui {version}&lt;/h3&gt;&lt;p&gt;写好消息，选好发给谁、什么时候发；pushgui 在系统托盘中按时为你发送。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MentionPanel</name>
    <message>
        <source>@mention in %1:</source>
        <translation>在 %1 中 @：</translation>
    </message>
    <message>
        <source>&amp;Everyone</source>
        <translation>所有人(&amp;E)</translation>
    </message>
    <message>
        <source>Who is on &amp;duty</source>
        <translation>值班人(&amp;D)</translation>
    </message>
    <message>
        <source>Contacts and groups to @mention</source>
        <translation>要 @ 的联系人和群组</translation>
    </message>
    <message>
        <source>Mentions that will not ping</source>
        <translation>不会提醒到的 @</translation>
    </message>
</context>
<context>
    <name>MentionPickerModel</name>
    <message>
        <source>%1 (no %2 ID)</source>
        <extracomment>The rooms&apos; mention panels scroll beyond this height, so the dialog keeps its size.</extracomment>
        <translation>%1（没有 %2 ID）</translation>
    </message>
</context>
<context>
    <name>MessagePreview</name>
    <message>
        <source>Desktop notification</source>
        <translation>桌面通知</translation>
    </message>
    <message>
        <source>removed channel</source>
        <translation>已删除的渠道</translation>
    </message>
    <message>
        <source>Me</source>
        <translation>我</translation>
    </message>
</context>
<context>
    <name>MessagePreviewDialog</name>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Title as sent</source>
        <translation>实际发送的标题</translation>
    </message>
    <message>
        <source>Message as sent</source>
        <translation>实际发送的消息</translation>
    </message>
    <message>
        <source>Choose who receives this reminder first.</source>
        <translation>请先选择这个提醒的收件人。</translation>
    </message>
    <message>
        <source>&amp;Recipient:</source>
        <translation>收件人(&amp;R)：</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>As it would read if it were sent now (%1).</source>
        <translation>假如现在（%1）发送，内容如下。</translation>
    </message>
</context>
<context>
    <name>MissedRunsDialog</name>
    <message>
        <source>While pushgui was not running</source>
        <translation>pushgui 未运行期间</translation>
    </message>
    <message>
        <source>One reminder fell due while pushgui was not running.</source>
        <translation>pushgui 未运行期间，有一个提醒到期。</translation>
    </message>
    <message>
        <source>A reminder fell due %1 times while pushgui was not running.</source>
        <translation>pushgui 未运行期间，有一个提醒到期了 %1 次。</translation>
    </message>
    <message>
        <source>%1 reminders fell due %2 times in all while pushgui was not running.</source>
        <translation>pushgui 未运行期间，%1 个提醒共有 %2 次到期。</translation>
    </message>
    <message>
        <source>The computer may have been off or asleep, or pushgui was closed. Choose what to do with each one: Send now sends it late, Skip records it as skipped in the history. Press Space to switch the selected rows.</source>
        <translation>电脑可能关机或睡眠了，或者 pushgui 没有运行。请为每一项选择处理方式：“立即发送”会延迟发出，“跳过”会在历史记录中记为已跳过。按空格键可切换所选行。</translation>
    </message>
    <message>
        <source>Missed reminders</source>
        <translation>错过的提醒</translation>
    </message>
    <message>
        <source>Don&apos;t ask again; follow each reminder&apos;s own setting</source>
        <translation>不再询问，按每个提醒自己的设置处理</translation>
    </message>
    <message>
        <source>Each reminder&apos;s editor says what to do with runs it missed. You can turn this question back on in the settings.</source>
        <translation>每个提醒的编辑器中都可以设置如何处理错过的发送。你可以在设置中重新开启这个询问。</translation>
    </message>
    <message>
        <source>Send &amp;all</source>
        <translation>全部发送(&amp;A)</translation>
    </message>
    <message>
        <source>S&amp;kip all</source>
        <translation>全部跳过(&amp;K)</translation>
    </message>
    <message>
        <source>Send only the &amp;latest</source>
        <translation>只发送最近一次(&amp;L)</translation>
    </message>
    <message>
        <source>Send the most recent missed run of each reminder and skip the older ones</source>
        <translation>每个提醒只补发最近错过的一次，跳过更早的</translation>
    </message>
    <message>
        <source>For every row:</source>
        <translation>每一行：</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
</context>
<context>
    <name>MissedRunsModel</name>
    <message>
        <source>Reminder</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>Was due</source>
        <translation>原定时间</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <source>Send now</source>
        <translation>立即发送</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>%1 (%2 times)</source>
        <translation>%1（%2 次）</translation>
    </message>
</context>
<context>
    <name>NagEditor</name>
    <message>
        <source>&amp;Nag: show it again every</source>
        <translation>催办(&amp;N)：每隔</translation>
    </message>
    <message>
        <source> min until marked done</source>
        <translation> 分钟再提醒一次，直到标记完成</translation>
    </message>
    <message>
        <source>Show it again every (minutes)</source>
        <translation>再次提醒的间隔（分钟）</translation>
    </message>
    <message>
        <source>If not done &amp;within</source>
        <translation>如果(&amp;W)</translation>
    </message>
    <message>
        <source> min, tell</source>
        <translation> 分钟内未完成，通知</translation>
    </message>
    <message>
        <source>Escalate after (minutes)</source>
        <translation>多久后通知他人（分钟）</translation>
    </message>
    <message>
        <source>Who is told</source>
        <translation>通知谁</translation>
    </message>
    <message>
        <source>Choose a room or a colleague…</source>
        <translation>选择群聊或同事…</translation>
    </message>
</context>
<context>
    <name>OnceEditor</name>
    <message>
        <source>Date and time</source>
        <translation>日期和时间</translation>
    </message>
    <message>
        <source>In 10 minutes</source>
        <translation>10 分钟后</translation>
    </message>
    <message>
        <source>In 1 hour</source>
        <translation>1 小时后</translation>
    </message>
    <message>
        <source>This evening 18:00</source>
        <translation>今晚 18:00</translation>
    </message>
    <message>
        <source>Tomorrow 09:00</source>
        <translation>明天 09:00</translation>
    </message>
    <message>
        <source>Next Monday 09:00</source>
        <translation>下周一 09:00</translation>
    </message>
    <message>
        <source>&amp;On:</source>
        <translation>日期(&amp;O)：</translation>
    </message>
    <message>
        <source>Quick picks:</source>
        <translation>快速选择：</translation>
    </message>
</context>
<context>
    <name>OwnDayList</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>备注（可选）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>OwnDaysDialog</name>
    <message>
        <source>Own days off and working days</source>
        <translation>本公司休息日和工作日</translation>
    </message>
    <message>
        <source>Extra days off</source>
        <translation>额外休息日</translation>
    </message>
    <message>
        <source>Extra working days</source>
        <translation>额外工作日</translation>
    </message>
    <message>
        <source>These apply on top of the working-day calendar of every reminder (China&apos;s holidays, or another country&apos;s).</source>
        <translation>这些日期叠加在每个提醒的工作日日历之上（中国节假日或其他国家的节假日）。</translation>
    </message>
</context>
<context>
    <name>PlaceholderButton</name>
    <message>
        <source>Insert placeholder</source>
        <translation>插入占位符</translation>
    </message>
    <message>
        <source>Put a value in the message that is filled in when it is sent</source>
        <translation>在消息中插入一个发送时自动填写的值</translation>
    </message>
    <message>
        <source>Recipient&apos;s name</source>
        <translation>收件人姓名</translation>
    </message>
    <message>
        <source>Date of the run</source>
        <translation>运行日期</translation>
    </message>
    <message>
        <source>Time of the run</source>
        <translation>运行时间</translation>
    </message>
    <message>
        <source>Day of the week</source>
        <translation>星期几</translation>
    </message>
    <message>
        <source>Name of this reminder</source>
        <translation>此提醒的名称</translation>
    </message>
    <message>
        <source>Run number (1, 2, 3…)</source>
        <translation>运行序号（1、2、3…）</translation>
    </message>
    <message>
        <source>Contact fields</source>
        <translation>联系人字段</translation>
    </message>
    <message>
        <source>Email address</source>
        <translation>电子邮件地址</translation>
    </message>
</context>
<context>
    <name>PreferencesController</name>
    <message>
        <source>Restart pushgui?</source>
        <translation>重新启动 pushgui？</translation>
    </message>
    <message>
        <source>pushgui shows the new language after a restart. Reminders due meanwhile are sent when it is back.</source>
        <translation>重新启动后 pushgui 将使用新的语言。期间到期的提醒会在它重新运行后发送。</translation>
    </message>
    <message>
        <source>&amp;Restart now</source>
        <translation>立即重新启动(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>稍后(&amp;L)</translation>
    </message>
    <message>
        <source>No file manager could open the folder; it is {folder}</source>
        <translation>没有文件管理器能打开该文件夹，它位于 {folder}</translation>
    </message>
    <message>
        <source>Reminders are only sent while pushgui runs. Start it (in the tray) when you log in?</source>
        <translation>只有 pushgui 运行时才会发送提醒。是否在登录时启动它（在托盘中运行）？</translation>
    </message>
    <message>
        <source>pushgui runs from {folder}. If that folder is removed, it will no longer start at login; installing pushgui (for example with pipx) avoids that.</source>
        <translation>pushgui 正从 {folder} 运行。如果删除该文件夹，登录时将无法再启动；安装 pushgui（例如用 pipx）可避免这种情况。</translation>
    </message>
    <message>
        <source>Start at login?</source>
        <translation>登录时启动？</translation>
    </message>
    <message>
        <source>&amp;Start at login</source>
        <translation>登录时启动(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Not now</source>
        <translation>暂不(&amp;N)</translation>
    </message>
    <message>
        <source>pushgui will start when you log in; change this in Settings.</source>
        <translation>pushgui 将在你登录时启动，可在“设置”中更改。</translation>
    </message>
</context>
<context>
    <name>PushEditorDialog</name>
    <message>
        <source>Edit reminder</source>
        <translation>编辑提醒</translation>
    </message>
    <message>
        <source>New reminder</source>
        <translation>新建提醒</translation>
    </message>
    <message>
        <source>Save as &amp;template…</source>
        <translation>另存为模板(&amp;T)…</translation>
    </message>
    <message>
        <source>Keep this message to start other reminders from</source>
        <translation>保存这条消息，以后可用它新建提醒</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>This reminder was deleted meanwhile (in another window or from the command line). Save again to keep it as a new reminder.</source>
        <translation>此提醒已在别处（另一个窗口或命令行）被删除。再次保存即可将其保留为新提醒。</translation>
    </message>
    <message>
        <source>The reminder could not be saved: %1</source>
        <translation>无法保存提醒：%1</translation>
    </message>
    <message>
        <source>e.g. Team stand-up</source>
        <translation>例如 团队站会</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Same as the name</source>
        <translation>与名称相同</translation>
    </message>
    <message>
        <source>Shown in bold in the notification; left empty, the name is the title</source>
        <translation>在通知中以粗体显示；留空则使用名称作为标题</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Optional details</source>
        <translation>可选信息</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation>消息(&amp;M)：</translation>
    </message>
    <message>
        <source>Preview…</source>
        <translation>预览…</translation>
    </message>
    <message>
        <source>See the message as a recipient will read it</source>
        <translation>以收件人的视角查看消息</translation>
    </message>
    <message>
        <source>Send to</source>
        <translation>发送给</translation>
    </message>
    <message>
        <source>More options</source>
        <translation>更多选项</translation>
    </message>
    <message>
        <source>&amp;Once</source>
        <translation>一次(&amp;O)</translation>
    </message>
    <message>
        <source>Repeat &amp;every</source>
        <translation>重复间隔(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Calendar rule</source>
        <translation>日历规则(&amp;C)</translation>
    </message>
    <message>
        <source>Time &amp;zone:</source>
        <translation>时区(&amp;Z)：</translation>
    </message>
    <message>
        <source>Schedule summary</source>
        <translation>时间安排摘要</translation>
    </message>
    <message>
        <source>Next runs</source>
        <translation>接下来的运行</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Next runs:</source>
        <translation>接下来的运行：</translation>
    </message>
    <message>
        <source>Fix the schedule to see when it runs.</source>
        <translation>修正时间安排后即可看到运行时间。</translation>
    </message>
    <message>
        <source>No more runs: this schedule has ended.</source>
        <translation>不再运行：此时间安排已结束。</translation>
    </message>
    <message>
        <source>(%1 here)</source>
        <translation>（本地时间 %1）</translation>
    </message>
    <message>
        <source>The clocks go forward that day and skip the chosen time, so the reminder comes this much later instead.</source>
        <translation>当天时钟会拨快，跳过所选时间，因此提醒会相应推迟。</translation>
    </message>
    <message>
        <source>The clocks go back that day: this clock time happens twice, and runs an exact interval apart can show the same time.</source>
        <translation>当天时钟会回拨：这个钟点会出现两次，相隔固定间隔的运行可能显示为同一时间。</translation>
    </message>
    <message>
        <source>The clocks go back that day, so this time happens twice; the reminder comes only the first time.</source>
        <translation>当天时钟会回拨，这个时间会出现两次；提醒只在第一次出现时发送。</translation>
    </message>
</context>
<context>
    <name>PushTableModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>时间安排</translation>
    </message>
    <message>
        <source>Next run ({zone})</source>
        <translation>下次运行（{zone}）</translation>
    </message>
    <message>
        <source>Last result</source>
        <translation>上次结果</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>接收人</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Partly sent</source>
        <translation>部分已发送</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Me</source>
        <translation>我</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>No more runs</source>
        <translation>不再运行</translation>
    </message>
    <message>
        <source>Times are shown in this computer&apos;s time zone, {zone}</source>
        <translation>时间按本机时区显示：{zone}</translation>
    </message>
    <message>
        <source>Not run yet</source>
        <translation>尚未运行</translation>
    </message>
    <message>
        <source>{result}, {when}</source>
        <translation>{result}，{when}</translation>
    </message>
</context>
<context>
    <name>QuietHoursField</name>
    <message>
        <source>My reminders: &amp;quiet hours, show only</source>
        <translation>我的提醒：免打扰时段(&amp;Q)，只在此时间显示</translation>
    </message>
    <message>
        <source>&amp;Quiet hours: post only</source>
        <translation>免打扰时段(&amp;Q)：只在此时间发送</translation>
    </message>
    <message>
        <source>Outside these hours messages wait and go when the window opens</source>
        <translation>在此时间之外，消息会等待，到时间后再发送</translation>
    </message>
    <message>
        <source>Posts from</source>
        <translation>开始发送时间</translation>
    </message>
    <message>
        <source>Posts until</source>
        <translation>停止发送时间</translation>
    </message>
    <message>
        <source>On which days</source>
        <translation>哪些日子</translation>
    </message>
    <message>
        <source>on the days ticked</source>
        <translation>在勾选的日子</translation>
    </message>
    <message>
        <source>on China&apos;s working days</source>
        <translation>在中国工作日（含调休）</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>Outside these hours your reminders wait, and show when the window opens.</source>
        <translation>在此时间之外，你的提醒会等待，到时间后再显示。</translation>
    </message>
    <message>
        <source>Reminders to yourself are never held unless you set this for them.</source>
        <translation>发给自己的提醒不会暂缓，除非为它们单独设置。</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
</context>
<context>
    <name>RecipientPickerModel</name>
    <message>
        <source>group of %1 people</source>
        <translation>%1 人的分组</translation>
    </message>
    <message>
        <source>group of 1 person</source>
        <translation>1 人的分组</translation>
    </message>
    <message>
        <source>no email address</source>
        <translation>无电子邮件地址</translation>
    </message>
    <message>
        <source>%1 (group)</source>
        <translation>%1（分组）</translation>
    </message>
    <message>
        <source>%1 (no email address)</source>
        <translation>%1（无电子邮件地址）</translation>
    </message>
</context>
<context>
    <name>Recipients</name>
    <message>
        <source>Me</source>
        <translation>我</translation>
    </message>
    <message numerus="yes">
        <source>%n people</source>
        <translation>
            <numerusform>%n 人</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReminderPresenter</name>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Snooze 5 min</source>
        <translation>5 分钟后再提醒</translation>
    </message>
    <message>
        <source>Snooze 1 hour</source>
        <translation>1 小时后再提醒</translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation>明天再提醒</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
</context>
<context>
    <name>ReminderWindow</name>
    <message>
        <source>Reminder: {name}</source>
        <translation>提醒：{name}</translation>
    </message>
    <message>
        <source>Remind me again</source>
        <translation>再次提醒我</translation>
    </message>
    <message>
        <source>in 5 minutes</source>
        <translation>5 分钟后</translation>
    </message>
    <message>
        <source>in 15 minutes</source>
        <translation>15 分钟后</translation>
    </message>
    <message>
        <source>in 1 hour</source>
        <translation>1 小时后</translation>
    </message>
    <message>
        <source>tomorrow at {time}</source>
        <translation>明天 {time}</translation>
    </message>
    <message>
        <source>at a time I choose…</source>
        <translation>自选时间…</translation>
    </message>
    <message>
        <source>Remind me again at</source>
        <translation>再次提醒的时间</translation>
    </message>
    <message>
        <source>&amp;Snooze</source>
        <translation>稍后提醒(&amp;S)</translation>
    </message>
    <message>
        <source>Show this reminder again later</source>
        <translation>稍后再显示此提醒</translation>
    </message>
    <message>
        <source>Remind me &amp;again:</source>
        <translation>再次提醒(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>知道了(&amp;D)</translation>
    </message>
    <message>
        <source>Choose a time that is still ahead.</source>
        <translation>请选择一个尚未到来的时间。</translation>
    </message>
</context>
<context>
    <name>RunMarks</name>
    <message>
        <source>moved from %1: %2</source>
        <translation>从 %1 调整：%2</translation>
    </message>
    <message>
        <source>skipped: %1</source>
        <translation>跳过：%1</translation>
    </message>
    <message>
        <source>make-up working day</source>
        <translation>调休上班日</translation>
    </message>
    <message>
        <source>Mon–Fri assumed</source>
        <translation>按周一至周五计算</translation>
    </message>
</context>
<context>
    <name>SaveTemplateDialog</name>
    <message>
        <source>Save as template</source>
        <translation>另存为模板</translation>
    </message>
    <message>
        <source>Template name</source>
        <translation>模板名称</translation>
    </message>
    <message>
        <source>e.g. Weekly report</source>
        <translation>例如 周报</translation>
    </message>
    <message>
        <source>Also save who receives it</source>
        <translation>同时保存收件人</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Message:</source>
        <translation>消息：</translation>
    </message>
    <message>
        <source>A template with this name exists; saving replaces it.</source>
        <translation>已有同名模板，保存将替换它。</translation>
    </message>
</context>
<context>
    <name>SecretEdit</name>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Show or hide what is typed</source>
        <translation>显示或隐藏输入的内容</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
</context>
<context>
    <name>SecretsBanner</name>
    <message>
        <source>&lt;b&gt;There is no system keyring on this computer&lt;/b&gt;</source>
        <translation>&lt;b&gt;这台电脑上没有系统密钥环&lt;/b&gt;</translation>
    </message>
    <message>
        <source>pushgui keeps passwords and tokens in the system keyring, but none is available ({0}). Choose where they should be kept instead:</source>
        <translation>pushgui 通常把密码和令牌保存在系统密钥环中，但当前没有可用的密钥环（{0}）。请选择改为保存在哪里：</translation>
    </message>
    <message>
        <source>Ask for secrets each session</source>
        <translation>每次运行时询问密码</translation>
    </message>
    <message>
        <source>Kept in memory only; type them again each time pushgui starts</source>
        <translation>只保存在内存中，每次启动 pushgui 时需重新输入</translation>
    </message>
    <message>
        <source>Store them unprotected in the data folder</source>
        <translation>不加保护地存放在数据文件夹中</translation>
    </message>
    <message>
        <source>Saved in {0}</source>
        <translation>已保存到 {0}</translation>
    </message>
    <message>
        <source>Safe, but reminders to chat bots and mail cannot be sent after a restart until you type the secrets again.</source>
        <translation>安全，但重启后，在你重新输入密码之前，发往聊天机器人和邮件的提醒都无法发送。</translation>
    </message>
    <message>
        <source>⚠ Anyone who can read your files can read them (file {0}). Choose this only on a computer you alone use.</source>
        <translation>⚠ 任何能读取你文件的人都能看到它们（文件 {0}）。仅在只有你使用的电脑上选择此项。</translation>
    </message>
</context>
<context>
    <name>ServicePreview</name>
    <message>
        <source>Message length</source>
        <translation>消息长度</translation>
    </message>
    <message>
        <source>Show what is sent</source>
        <translation>显示实际发送内容</translation>
    </message>
    <message>
        <source>The text each service receives, with its markup</source>
        <translation>每个服务收到的原始文本，包括格式标记</translation>
    </message>
    <message>
        <source>No length limit on these services</source>
        <translation>这些服务没有长度限制</translation>
    </message>
    <message>
        <source>{size} / {limit} — {service}</source>
        <translation>{size} / {limit} — {service}</translation>
    </message>
    <message>
        <source>Too long for {service}: shorten the message</source>
        <translation>对 {service} 来说太长：请缩短消息</translation>
    </message>
    <message>
        <source>— part {n} of {count} —</source>
        <translation>— 第 {n} 条，共 {count} 条 —</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>常规(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;New reminders</source>
        <translation>新提醒(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Data and logs</source>
        <translation>数据和日志(&amp;D)</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>pushgui will use the new language the next time it starts.</source>
        <translation>pushgui 下次启动时将使用新的语言。</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <source>A notification that stays until answered</source>
        <translation>通知（保留到你处理为止）</translation>
    </message>
    <message>
        <source>A small window that stays until dismissed</source>
        <translation>一个小窗口，关闭前一直显示</translation>
    </message>
    <message>
        <source>How reminders for me are shown</source>
        <translation>发给我的提醒如何显示</translation>
    </message>
    <message>
        <source>Show my &amp;reminders as:</source>
        <translation>我的提醒显示为(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Start pushgui when I log in</source>
        <translation>登录时启动 pushgui(&amp;S)</translation>
    </message>
    <message>
        <source>pushgui starts in the tray, so your reminders are sent after a restart.</source>
        <translation>pushgui 会在托盘中启动，因此重启后你的提醒仍会发送。</translation>
    </message>
    <message>
        <source>Starting at login cannot be set up on this system.</source>
        <translation>此系统无法设置登录时启动。</translation>
    </message>
    <message>
        <source>New reminders start with these choices; each can be changed.</source>
        <translation>新提醒默认使用以下选项，每一项都可以单独修改。</translation>
    </message>
    <message>
        <source>Me (desktop notification)</source>
        <translation>我（桌面通知）</translation>
    </message>
    <message>
        <source>Default channel</source>
        <translation>默认渠道</translation>
    </message>
    <message>
        <source>Send &amp;through:</source>
        <translation>发送渠道(&amp;T)：</translation>
    </message>
    <message>
        <source>Use this computer&apos;s time zone ({zone})</source>
        <translation>使用本机时区（{zone}）</translation>
    </message>
    <message>
        <source>Default time zone</source>
        <translation>默认时区</translation>
    </message>
    <message>
        <source>Time &amp;zone:</source>
        <translation>时区(&amp;Z)：</translation>
    </message>
    <message>
        <source>Send it once, as soon as possible</source>
        <translation>尽快补发一次</translation>
    </message>
    <message>
        <source>Send every missed time</source>
        <translation>错过的每一次都补发</translation>
    </message>
    <message>
        <source>Skip missed times</source>
        <translation>跳过错过的时间</translation>
    </message>
    <message>
        <source>Send it only if it is not too late</source>
        <translation>仅在不太晚时发送</translation>
    </message>
    <message>
        <source>What to do with missed times</source>
        <translation>如何处理错过的时间</translation>
    </message>
    <message>
        <source>If a time is &amp;missed:</source>
        <translation>错过时间时(&amp;M)：</translation>
    </message>
    <message>
        <source>Daily backups kept</source>
        <translation>保留的每日备份数</translation>
    </message>
    <message>
        <source>Backups you make yourself are always kept.</source>
        <translation>你手动创建的备份会一直保留。</translation>
    </message>
    <message>
        <source>Daily &amp;backups kept:</source>
        <translation>保留的每日备份数(&amp;B)：</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>数据文件夹：</translation>
    </message>
    <message>
        <source>Log folder:</source>
        <translation>日志文件夹：</translation>
    </message>
    <message>
        <source>Open the data folder</source>
        <translation>打开数据文件夹</translation>
    </message>
    <message>
        <source>Open the log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>“{zone}” is not a time zone; pick one from the list.</source>
        <translation>“{zone}”不是时区，请从列表中选择。</translation>
    </message>
    <message>
        <source>Could not change starting at login: {error}</source>
        <translation>无法更改登录时启动的设置：{error}</translation>
    </message>
    <message>
        <source>No file manager could open {folder}; copy the path above instead.</source>
        <translation>没有文件管理器能打开 {folder}，请复制上面的路径。</translation>
    </message>
</context>
<context>
    <name>TargetsEditor</name>
    <message>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Feishu / Lark</source>
        <translation>飞书 / Lark</translation>
    </message>
    <message>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source>Other service</source>
        <translation>其他服务</translation>
    </message>
    <message>
        <source>Send to</source>
        <translation>发送给</translation>
    </message>
    <message>
        <source>Email account</source>
        <translation>电子邮件账户</translation>
    </message>
    <message>
        <source>Search contacts and groups</source>
        <translation>搜索联系人和分组</translation>
    </message>
    <message>
        <source>Contacts and groups to email</source>
        <translation>要发邮件的联系人和分组</translation>
    </message>
    <message>
        <source>No contacts yet. &lt;a href=&quot;contacts&quot;&gt;Add contacts…&lt;/a&gt;</source>
        <translation>还没有联系人。&lt;a href=&quot;contacts&quot;&gt;添加联系人…&lt;/a&gt;</translation>
    </message>
    <message>
        <source>&amp;Through:</source>
        <translation>通过(&amp;T)：</translation>
    </message>
    <message>
        <source>How many people this reaches</source>
        <translation>会送达多少人</translation>
    </message>
    <message>
        <source>&amp;Dry run…</source>
        <translation>试运行(&amp;D)…</translation>
    </message>
    <message>
        <source>See every recipient&apos;s message as it would be sent, without sending it</source>
        <translation>查看每位收件人将收到的消息，但不实际发送</translation>
    </message>
    <message>
        <source>To email people or post to a team chat, set up a channel in &lt;a href=&quot;channels&quot;&gt;Channels…&lt;/a&gt;</source>
        <translation>要给他人发邮件或发到团队群聊，请先在&lt;a href=&quot;channels&quot;&gt;渠道…&lt;/a&gt;中设置渠道</translation>
    </message>
    <message>
        <source>Me (desktop notification)</source>
        <translation>我（桌面通知）</translation>
    </message>
    <message>
        <source>Email contacts and groups</source>
        <translation>给联系人和分组发邮件</translation>
    </message>
    <message>
        <source>Post to %1 (%2)</source>
        <translation>发到 %1（%2）</translation>
    </message>
    <message>
        <source>This reminder also sends here. Untick it to stop sending there.</source>
        <translation>此提醒也发送到这里。取消勾选即可停止发送。</translation>
    </message>
    <message>
        <source>(a removed account)</source>
        <translation>（已删除的账户）</translation>
    </message>
    <message>
        <source>a removed channel</source>
        <translation>已删除的渠道</translation>
    </message>
    <message>
        <source>%1 contacts or groups through %2</source>
        <translation>通过 %2 发给 %1 个联系人或分组</translation>
    </message>
    <message>
        <source>Post to %1</source>
        <translation>发到 %1</translation>
    </message>
    <message>
        <source>This reminder reaches nobody yet.</source>
        <translation>此提醒还没有收件人。</translation>
    </message>
    <message>
        <source>This reminder reaches 1 recipient.</source>
        <translation>此提醒将送达 1 位收件人。</translation>
    </message>
    <message>
        <source>This reminder reaches %1 recipients.</source>
        <translation>此提醒将送达 %1 位收件人。</translation>
    </message>
    <message>
        <source>Choose the email account to send through</source>
        <translation>选择用来发送的电子邮件账户</translation>
    </message>
</context>
<context>
    <name>TeamBanner</name>
    <message>
        <source>Team server unreachable since {time}. Nothing can be changed until it is back: an editor already open stays open with your changes, to save then. The server keeps sending reminders if it is running. Trying again…</source>
        <translation>自 {time} 起无法连接团队服务器。恢复连接前无法做任何修改：已打开的编辑窗口会保留你的修改，连接恢复后即可保存。服务器若仍在运行，会继续发送提醒。正在重试…</translation>
    </message>
</context>
<context>
    <name>TeamMode</name>
    <message>
        <source>The team server {address} cannot be used:
{reason}</source>
        <translation>无法使用团队服务器 {address}：
{reason}</translation>
    </message>
    <message>
        <source>Try &amp;again</source>
        <translation>重试(&amp;A)</translation>
    </message>
    <message>
        <source>Use this computer&apos;s &amp;reminders</source>
        <translation>使用本机的提醒(&amp;R)</translation>
    </message>
    <message>
        <source>No team server is active: reminders are not sent until one starts</source>
        <translation>没有正在运行的团队服务器：在有服务器启动之前，提醒不会发送</translation>
    </message>
    <message>
        <source>Sent by the team server {name}, active since {time}</source>
        <translation>由团队服务器 {name} 发送，自 {time} 起运行</translation>
    </message>
    <message>
        <source>&amp;Connect to a team server…</source>
        <translation>连接团队服务器(&amp;C)…</translation>
    </message>
    <message>
        <source>Edit the reminders of a team server instead of this computer&apos;s</source>
        <translation>编辑团队服务器上的提醒，而不是本机的提醒</translation>
    </message>
    <message>
        <source>&amp;Disconnect (back to this computer)</source>
        <translation>断开连接，回到本机(&amp;D)</translation>
    </message>
    <message>
        <source>pushgui — team server {address}</source>
        <translation>pushgui — 团队服务器 {address}</translation>
    </message>
</context>
<context>
    <name>TeamServer</name>
    <message>
        <source>The address names no server: write it as postgresql://user@host:5432/database.</source>
        <translation>地址中没有服务器：请写成 postgresql://用户@主机:5432/数据库。</translation>
    </message>
    <message>
        <source>The address names no login: write it as postgresql://user@host:5432/database.</source>
        <translation>地址中没有登录名：请写成 postgresql://用户@主机:5432/数据库。</translation>
    </message>
    <message>
        <source>The choice could not be saved in {0}: {1}</source>
        <translation>无法在 {0} 中保存此选择：{1}</translation>
    </message>
    <message>
        <source>The password could not be kept in the system keyring ({0}); it is never written to a file. Use a ~/.pgpass file instead and leave the password empty.</source>
        <translation>无法将密码保存到系统钥匙串（{0}）；密码绝不会写入文件。请改用 ~/.pgpass 文件，并将密码留空。</translation>
    </message>
    <message>
        <source>Run now is not available while connected to a team server: the server sends the reminders.</source>
        <translation>连接团队服务器时不能“立即发送”：提醒由服务器发送。</translation>
    </message>
    <message>
        <source>Skipping the next run is not available while connected to a team server.</source>
        <translation>连接团队服务器时不能跳过下次发送。</translation>
    </message>
    <message>
        <source>{0} has no pushgui tables yet: start pushgui serve on it once first.</source>
        <translation>{0} 中还没有 pushgui 的数据表：请先在其上运行一次 pushgui serve。</translation>
    </message>
    <message>
        <source>{0} was made by an older pushgui: it is upgraded when its server starts with this version.</source>
        <translation>{0} 由较旧版本的 pushgui 创建：其服务器以此版本启动时会升级它。</translation>
    </message>
    <message>
        <source>{0} was written by a newer version of pushgui: install that version to edit it.</source>
        <translation>{0} 由较新版本的 pushgui 写入：请安装该版本后再编辑。</translation>
    </message>
    <message>
        <source>The team server cannot be reached ({0}). Nothing was saved; try again when it is back.</source>
        <translation>无法连接团队服务器（{0}）。没有保存任何内容；请在连接恢复后重试。</translation>
    </message>
    <message>
        <source>The team server refused this change: {0}</source>
        <translation>团队服务器拒绝了此修改：{0}</translation>
    </message>
    <message>
        <source>{0} is not a database address; write it as postgresql://user@host:5432/database.</source>
        <extracomment>The environment variable naming the server database when ``--database`` is not given. Advisory lock keys (PostgreSQL&apos;s bigint space, shared by every application on the database: these are &quot;pushgui&quot; in ASCII with a last byte per purpose). ``path`` of a server database: not a file, its parent is the local data folder.</extracomment>
        <translation>{0} 不是数据库地址；请写成 postgresql://用户@主机:5432/数据库。</translation>
    </message>
    <message>
        <source>pushgui serves from PostgreSQL only, not {0}; write it as postgresql://user@host:5432/database.</source>
        <translation>pushgui 只支持 PostgreSQL，不支持 {0}；请写成 postgresql://用户@主机:5432/数据库。</translation>
    </message>
    <message>
        <source>The address names no database; write it as postgresql://user@host:5432/database.</source>
        <translation>地址中没有数据库名；请写成 postgresql://用户@主机:5432/数据库。</translation>
    </message>
    <message>
        <source>Cannot use the database {0}: {1}</source>
        <translation>无法使用数据库 {0}：{1}</translation>
    </message>
</context>
<context>
    <name>TeamServerDialog</name>
    <message>
        <source>Connect to a team server</source>
        <translation>连接团队服务器</translation>
    </message>
    <message>
        <source>Server &amp;address:</source>
        <translation>服务器地址(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>The team&apos;s reminders are then edited on that server, which sends them; this computer sends nothing while connected. The password is kept in the system keyring (leave it empty to use a ~/.pgpass file).</source>
        <translation>连接后将在该服务器上编辑团队的提醒，并由它发送；连接期间本机不发送任何内容。密码保存在系统钥匙串中（留空则使用 ~/.pgpass 文件）。</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
</context>
<context>
    <name>TemplateChooserDialog</name>
    <message>
        <source>New reminder from a template</source>
        <translation>从模板新建提醒</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>No templates yet. In the reminder editor, click “Save as template…” to keep a message for later.</source>
        <translation>还没有模板。在提醒编辑器中点击“另存为模板…”即可保存消息供以后使用。</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Start from it</source>
        <translation>以此新建(&amp;S)</translation>
    </message>
</context>
<context>
    <name>TimeZoneCombo</name>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
</context>
<context>
    <name>TimesList</name>
    <message>
        <source>&amp;Add a time</source>
        <translation>添加时间(&amp;A)</translation>
    </message>
    <message>
        <source>Time of day</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Remove this time</source>
        <translation>移除此时间</translation>
    </message>
    <message>
        <source>Remove time</source>
        <translation>移除时间</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <source>Show pushgui</source>
        <translation>显示 pushgui</translation>
    </message>
    <message>
        <source>New reminder…</source>
        <translation>新建提醒…</translation>
    </message>
    <message>
        <source>Pause all</source>
        <translation>全部暂停</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message numerus="yes">
        <source>Open reminders (%n)</source>
        <translation>
            <numerusform>未处理的提醒（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>pushgui (paused)</source>
        <translation>pushgui（已暂停）</translation>
    </message>
</context>
<context>
    <name>TypedRuleBox</name>
    <message>
        <source>e.g. every weekday at 9 · 每个工作日 9点</source>
        <translation>例如 每个工作日 9点 · every weekday at 9</translation>
    </message>
    <message>
        <source>Type a rule</source>
        <translation>输入规则</translation>
    </message>
    <message>
        <source>&amp;Use this rule</source>
        <translation>使用此规则(&amp;U)</translation>
    </message>
    <message>
        <source>Rule understood</source>
        <translation>识别出的规则</translation>
    </message>
    <message>
        <source>Understood: %1
Next: %2</source>
        <translation>识别为：%1
接下来：%2</translation>
    </message>
</context>
<context>
    <name>UndoBar</name>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>attachments</name>
    <message>
        <source>The attachment {name} could not be read (it is no longer in the data folder)</source>
        <translation>无法读取附件 {name}（它已不在数据文件夹中）</translation>
    </message>
    <message>
        <source>The attachment {path} was not sent: it is outside pushgui&apos;s data folder (attach it again in the window)</source>
        <translation>附件 {path} 未发送：它在 pushgui 的数据文件夹之外（请在窗口中重新添加附件）</translation>
    </message>
    <message>
        <source>{name} is a folder; attach files</source>
        <translation>{name} 是文件夹，请附加文件</translation>
    </message>
    <message>
        <source>{name} is larger than {n} MB</source>
        <translation>{name} 超过 {n} MB</translation>
    </message>
    <message>
        <source>{name} is not a regular file</source>
        <translation>{name} 不是普通文件</translation>
    </message>
    <message>
        <source>{name} cannot be read: {problem}</source>
        <translation>无法读取 {name}：{problem}</translation>
    </message>
    <message>
        <source>{name} could not be copied: {problem}</source>
        <translation>无法复制 {name}：{problem}</translation>
    </message>
    <message>
        <source>{path} is outside pushgui&apos;s data folder; an import cannot attach files: attach it again in the window</source>
        <translation>{path} 不在 pushgui 的数据文件夹中；导入不能附加文件，请在窗口中重新附加</translation>
    </message>
    <message>
        <source>{path} is not a file here</source>
        <translation>{path} 在这里不是文件</translation>
    </message>
    <message>
        <source>{file} was removed from the reminder {name}: {problem}. Attach it again in the window.</source>
        <translation>已从提醒 {name} 中移除 {file}：{problem}。请在窗口中重新添加附件。</translation>
    </message>
    <message>
        <source>Attach at most {n} files</source>
        <translation>最多附加 {n} 个文件</translation>
    </message>
</context>
<context>
    <name>audit</name>
    <message>
        <source>Created</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Renamed from “{old}” to “{new}”</source>
        <translation>名称由“{old}”改为“{new}”</translation>
    </message>
    <message>
        <source>Resumed</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Saved without changes</source>
        <translation>保存，无改动</translation>
    </message>
    <message>
        <source>Changed (the details could not be read)</source>
        <translation>已更改（无法读取详情）</translation>
    </message>
    <message>
        <source>Title changed from “{old}” to “{new}”</source>
        <translation>标题由“{old}”改为“{new}”</translation>
    </message>
    <message>
        <source>Message text changed</source>
        <translation>消息正文已更改</translation>
    </message>
    <message>
        <source>Attachments changed</source>
        <translation>附件已更改</translation>
    </message>
    <message>
        <source>Recipients changed</source>
        <translation>接收人已更改</translation>
    </message>
    <message>
        <source>Delivery options changed</source>
        <translation>发送选项已更改</translation>
    </message>
    <message>
        <source>Duty rotation changed</source>
        <translation>值班轮换已更改</translation>
    </message>
    <message>
        <source>Nag until done changed</source>
        <translation>催办设置已更改</translation>
    </message>
    <message>
        <source>Other settings changed</source>
        <translation>其他设置已更改</translation>
    </message>
    <message>
        <source>Schedule changed</source>
        <translation>时间安排已更改</translation>
    </message>
    <message>
        <source>Schedule changed from “{old}” to “{new}”</source>
        <translation>时间安排由“{old}”改为“{new}”</translation>
    </message>
</context>
<context>
    <name>bundle</name>
    <message>
        <source>Will create</source>
        <translation>将创建</translation>
    </message>
    <message>
        <source>Already here, used as they are</source>
        <translation>已存在，按原样使用</translation>
    </message>
    <message>
        <source>Left out: {what}</source>
        <translation>未导入：{what}</translation>
    </message>
    <message>
        <source>{name}: its time has passed; imported paused</source>
        <translation>{name}：时间已过，已按暂停状态导入</translation>
    </message>
    <message>
        <source>Channels created without their password or token (enter it in Channels): {names}</source>
        <translation>以下渠道创建时没有密码或令牌（请在“渠道”中填写）：{names}</translation>
    </message>
    <message>
        <source>contacts</source>
        <translation>个联系人</translation>
    </message>
    <message>
        <source>groups</source>
        <translation>个群组</translation>
    </message>
    <message>
        <source>channels</source>
        <translation>个渠道</translation>
    </message>
    <message>
        <source>templates</source>
        <translation>个模板</translation>
    </message>
    <message>
        <source>must be an object with a name</source>
        <translation>必须是带名称的对象</translation>
    </message>
    <message>
        <source>must have a whole-number id</source>
        <translation>必须有整数 id</translation>
    </message>
    <message>
        <source>email, handle, phone and fields must be text</source>
        <translation>邮箱、账号、电话和字段必须是文本</translation>
    </message>
    <message>
        <source>members must be a list of contact ids</source>
        <translation>成员必须是联系人 id 的列表</translation>
    </message>
    <message>
        <source>&quot;{kind}&quot; is not a channel pushgui knows</source>
        <translation>“{kind}”不是 pushgui 认识的渠道</translation>
    </message>
    <message>
        <source>settings must be an object</source>
        <translation>设置必须是对象</translation>
    </message>
    <message>
        <source>message must be an object</source>
        <translation>消息必须是对象</translation>
    </message>
</context>
<context>
    <name>channels</name>
    <message>
        <source>Give the channel a name</source>
        <extracomment>Channels that reach people by address (one message each) rather than posting to a room. In a channel&apos;s stored settings: the names of the secrets it has a value for (not the values). The channel id a test send&apos;s secrets are kept under while it runs (real ids start at 1). The secrets this channel has a value for; ``None`` for a channel saved before pushgui recorded them (every secret of its kind is then looked up).</extracomment>
        <translation>请给渠道起个名称</translation>
    </message>
    <message>
        <source>Unknown channel kind {kind}</source>
        <extracomment>The config class of each kind (read from the registry). Fields whose text keeps its surrounding white space (templates, header lines).</extracomment>
        <translation>未知的渠道类型 {kind}</translation>
    </message>
    <message>
        <source>Gmail</source>
        <extracomment>The port each encryption usually uses (the form follows the choice with the port). A PEM file of extra certificate authorities to trust (a company&apos;s own mail server).</extracomment>
        <translation>Gmail</translation>
    </message>
    <message>
        <source>Gmail needs an app password (Google Account → Security → App passwords), not your normal password.</source>
        <translation>Gmail 需要使用应用专用密码（Google 账号 → 安全性 → 应用专用密码），而不是平时的登录密码。</translation>
    </message>
    <message>
        <source>Outlook / Microsoft 365</source>
        <translation>Outlook / Microsoft 365</translation>
    </message>
    <message>
        <source>Work and school accounts may need SMTP sign-in allowed by the administrator.</source>
        <translation>工作或学校账户可能需要管理员允许 SMTP 登录。</translation>
    </message>
    <message>
        <source>QQ Mail</source>
        <translation>QQ 邮箱</translation>
    </message>
    <message>
        <source>QQ Mail needs the authorization code (授权码) from Settings → Account → POP3/SMTP service, not your QQ password.</source>
        <translation>QQ 邮箱需要使用“设置 → 账户 → POP3/SMTP 服务”中的授权码，而不是 QQ 密码。</translation>
    </message>
    <message>
        <source>163 Mail</source>
        <translation>网易 163 邮箱</translation>
    </message>
    <message>
        <source>163 Mail needs the client authorization code (授权码) from Settings → POP3/SMTP/IMAP, not your login password.</source>
        <translation>163 邮箱需要使用“设置 → POP3/SMTP/IMAP”中的客户端授权码，而不是登录密码。</translation>
    </message>
    <message>
        <source>Email (SMTP)</source>
        <translation>电子邮件（SMTP）</translation>
    </message>
    <message>
        <source>Send from a mail account</source>
        <translation>通过邮件账户发送</translation>
    </message>
    <message>
        <source>Mail server:</source>
        <translation>邮件服务器：</translation>
    </message>
    <message>
        <source>e.g. smtp.example.com</source>
        <translation>例如 smtp.example.com</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Encryption:</source>
        <translation>加密方式：</translation>
    </message>
    <message>
        <source>STARTTLS (usually port 587)</source>
        <translation>STARTTLS（通常为 587 端口）</translation>
    </message>
    <message>
        <source>SSL/TLS (usually port 465)</source>
        <translation>SSL/TLS（通常为 465 端口）</translation>
    </message>
    <message>
        <source>None — not encrypted</source>
        <translation>无 — 不加密</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>usually your email address</source>
        <translation>通常是你的电子邮件地址</translation>
    </message>
    <message>
        <source>Leave empty if the server needs no login.</source>
        <translation>服务器无需登录时请留空。</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Send from address:</source>
        <translation>发件地址：</translation>
    </message>
    <message>
        <source>me@example.com</source>
        <translation>me@example.com</translation>
    </message>
    <message>
        <source>Sender name:</source>
        <translation>发件人名称：</translation>
    </message>
    <message>
        <source>Optional, e.g. Office reminders</source>
        <translation>可选，例如 办公室提醒</translation>
    </message>
    <message>
        <source>Extra certificate file:</source>
        <translation>额外的证书文件：</translation>
    </message>
    <message>
        <source>Optional, a .pem file</source>
        <translation>可选，.pem 文件</translation>
    </message>
    <message>
        <source>Only for a company mail server with its own certificate authority.</source>
        <translation>仅用于自建证书颁发机构的公司邮件服务器。</translation>
    </message>
    <message>
        <source>Time limit:</source>
        <translation>超时时间：</translation>
    </message>
    <message>
        <source>Enter the mail server&apos;s name, e.g. smtp.example.com</source>
        <translation>请输入邮件服务器名称，例如 smtp.example.com</translation>
    </message>
    <message>
        <source>Enter only the server&apos;s name, without spaces or slashes</source>
        <translation>只需输入服务器名称，不要包含空格或斜杠</translation>
    </message>
    <message>
        <source>The port is a number between 1 and 65535</source>
        <translation>端口是 1 到 65535 之间的数字</translation>
    </message>
    <message>
        <source>Choose STARTTLS, SSL/TLS or none</source>
        <translation>请选择 STARTTLS、SSL/TLS 或不加密</translation>
    </message>
    <message>
        <source>Enter the address mail is sent from</source>
        <translation>请输入发件地址</translation>
    </message>
    <message>
        <source>Enter the password for this account</source>
        <translation>请输入此账户的密码</translation>
    </message>
    <message>
        <source>The time limit is between 1 and 600 seconds</source>
        <translation>超时时间应在 1 到 600 秒之间</translation>
    </message>
    <message>
        <source>This file is not a readable PEM certificate</source>
        <translation>此文件不是可读取的 PEM 证书</translation>
    </message>
    <message>
        <source>{sender} via {host}</source>
        <translation>{sender}，经由 {host}</translation>
    </message>
    <message>
        <source>Plain text</source>
        <extracomment>errcodes that mean &quot;too many messages&quot;: 130101 &quot;send too fast, exceed 20 times per minute&quot; and 410100 &quot;send too fast&quot;; DingTalk then throttles the robot for 10 minutes.</extracomment>
        <translation>纯文本</translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <source>DingTalk</source>
        <translation>钉钉</translation>
    </message>
    <message>
        <source>A DingTalk group robot</source>
        <translation>钉钉群机器人</translation>
    </message>
    <message>
        <source>Access token:</source>
        <translation>访问令牌：</translation>
    </message>
    <message>
        <source>Signing secret:</source>
        <translation>加签密钥：</translation>
    </message>
    <message>
        <source>Optional, starts with SEC…</source>
        <translation>可选，以 SEC 开头…</translation>
    </message>
    <message>
        <source>Only if the robot&apos;s security setting is “Signature” (加签).</source>
        <translation>仅当机器人的安全设置为“加签”时填写。</translation>
    </message>
    <message>
        <source>Message format:</source>
        <translation>消息格式：</translation>
    </message>
    <message>
        <source>Paste the robot&apos;s webhook address</source>
        <translation>请粘贴机器人的 Webhook 地址</translation>
    </message>
    <message>
        <source>DingTalk signing secrets start with SEC; copy it again</source>
        <translation>钉钉加签密钥以 SEC 开头，请重新复制</translation>
    </message>
    <message>
        <source>Choose text or Markdown</source>
        <translation>请选择纯文本或 Markdown</translation>
    </message>
    <message>
        <source>Feishu</source>
        <extracomment>The hook URL without the token; empty means the region&apos;s official one.</extracomment>
        <translation>飞书</translation>
    </message>
    <message>
        <source>A Feishu bot</source>
        <translation>飞书机器人</translation>
    </message>
    <message>
        <source>Lark</source>
        <translation>Lark</translation>
    </message>
    <message>
        <source>A Lark bot</source>
        <translation>Lark 机器人</translation>
    </message>
    <message>
        <source>Bot token:</source>
        <translation>机器人令牌：</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>Only if the bot&apos;s security setting has “Signature verification”.</source>
        <translation>仅当机器人的安全设置启用了“签名校验”时填写。</translation>
    </message>
    <message>
        <source>Region:</source>
        <translation>地区：</translation>
    </message>
    <message>
        <source>Feishu (China)</source>
        <translation>飞书（中国）</translation>
    </message>
    <message>
        <source>Lark (international)</source>
        <translation>Lark（国际版）</translation>
    </message>
    <message>
        <source>Paste the bot&apos;s webhook address</source>
        <translation>请粘贴机器人的 Webhook 地址</translation>
    </message>
    <message>
        <source>Choose Feishu or Lark</source>
        <translation>请选择飞书或 Lark</translation>
    </message>
    <message>
        <source>Webhook address:</source>
        <translation>Webhook 地址：</translation>
    </message>
    <message>
        <source>Slack</source>
        <translation>Slack</translation>
    </message>
    <message>
        <source>A Slack incoming webhook</source>
        <translation>Slack 传入 Webhook</translation>
    </message>
    <message>
        <source>Paste the incoming webhook address</source>
        <translation>请粘贴传入 Webhook 地址</translation>
    </message>
    <message>
        <source>Discord</source>
        <translation>Discord</translation>
    </message>
    <message>
        <source>A Discord channel webhook</source>
        <translation>Discord 频道 Webhook</translation>
    </message>
    <message>
        <source>Post as:</source>
        <translation>发送格式：</translation>
    </message>
    <message>
        <source>Optional, the name shown</source>
        <translation>可选，显示的名称</translation>
    </message>
    <message>
        <source>Paste the Discord webhook address</source>
        <translation>请粘贴 Discord Webhook 地址</translation>
    </message>
    <message>
        <source>Microsoft Teams</source>
        <translation>Microsoft Teams</translation>
    </message>
    <message>
        <source>A Teams workflow webhook</source>
        <translation>Teams 工作流 Webhook</translation>
    </message>
    <message>
        <source>Workflow address:</source>
        <translation>工作流地址：</translation>
    </message>
    <message>
        <source>In Teams: Workflows → “Post to a channel when a webhook request is received”.</source>
        <translation>在 Teams 中：工作流 → “收到 Webhook 请求时发布到频道”。</translation>
    </message>
    <message>
        <source>Paste the workflow&apos;s address</source>
        <translation>请粘贴工作流的地址</translation>
    </message>
    <message>
        <source>Telegram</source>
        <translation>Telegram</translation>
    </message>
    <message>
        <source>A Telegram bot and chat</source>
        <translation>Telegram 机器人和聊天</translation>
    </message>
    <message>
        <source>123456:ABC-DEF…</source>
        <translation>123456:ABC-DEF…</translation>
    </message>
    <message>
        <source>@BotFather gives it.</source>
        <translation>由 @BotFather 提供。</translation>
    </message>
    <message>
        <source>Chat id:</source>
        <translation>聊天 ID：</translation>
    </message>
    <message>
        <source>a number, or @channelname</source>
        <translation>数字，或 @频道名</translation>
    </message>
    <message>
        <source>Where the bot posts; the bot must be a member of the chat.</source>
        <translation>机器人发消息的地方；机器人必须是该聊天的成员。</translation>
    </message>
    <message>
        <source>Enter the token @BotFather gave you</source>
        <translation>请输入 @BotFather 给你的令牌</translation>
    </message>
    <message>
        <source>A bot token looks like 123456:ABC-DEF…</source>
        <translation>机器人令牌的格式类似 123456:ABC-DEF…</translation>
    </message>
    <message>
        <source>Enter the chat id (a number) or @channelname</source>
        <translation>请输入聊天 ID（数字）或 @频道名</translation>
    </message>
    <message>
        <source>ntfy</source>
        <translation>ntfy</translation>
    </message>
    <message>
        <source>Push to phones through ntfy.sh</source>
        <translation>通过 ntfy.sh 推送到手机</translation>
    </message>
    <message>
        <source>Topic:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <source>e.g. my-reminders-5f3a</source>
        <translation>例如 my-reminders-5f3a</translation>
    </message>
    <message>
        <source>Anyone who knows the topic name can read it on ntfy.sh: pick one hard to guess.</source>
        <translation>任何知道主题名的人都能在 ntfy.sh 上看到消息，请取一个难以猜到的名称。</translation>
    </message>
    <message>
        <source>Optional, tk_…</source>
        <translation>可选，tk_…</translation>
    </message>
    <message>
        <source>Only for a protected topic.</source>
        <translation>仅用于受保护的主题。</translation>
    </message>
    <message>
        <source>1 is the lowest, 5 the highest.</source>
        <translation>1 最低，5 最高。</translation>
    </message>
    <message>
        <source>Enter the ntfy server, e.g. https://ntfy.sh</source>
        <translation>请输入 ntfy 服务器，例如 https://ntfy.sh</translation>
    </message>
    <message>
        <source>Use letters, digits, - and _ for the topic</source>
        <translation>主题只能包含字母、数字、- 和 _</translation>
    </message>
    <message>
        <source>Priority goes from 1 (lowest) to 5 (highest)</source>
        <translation>优先级从 1（最低）到 5（最高）</translation>
    </message>
    <message>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source>Any web address that takes JSON</source>
        <translation>任何接收 JSON 的网址</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>请求方法：</translation>
    </message>
    <message>
        <source>Extra headers:</source>
        <translation>额外的请求头：</translation>
    </message>
    <message>
        <source>Authorization: Bearer …</source>
        <translation>Authorization: Bearer …</translation>
    </message>
    <message>
        <source>One per line, written Name: value.</source>
        <translation>每行一个，写成“名称: 值”。</translation>
    </message>
    <message>
        <source>Body:</source>
        <translation>正文：</translation>
    </message>
    <message>
        <source>Placeholders: ${title}, ${body}, ${recipient}, ${push}.</source>
        <translation>占位符：${title}、${body}、${recipient}、${push}。</translation>
    </message>
    <message>
        <source>Content type:</source>
        <translation>内容类型：</translation>
    </message>
    <message>
        <source>Enter the address to send to</source>
        <translation>请输入要发送到的地址</translation>
    </message>
    <message>
        <source>Choose POST or PUT</source>
        <translation>请选择 POST 或 PUT</translation>
    </message>
    <message>
        <source>Line {number}: write each header as Name: value</source>
        <translation>第 {number} 行：每个请求头请写成“名称: 值”</translation>
    </message>
    <message>
        <source>Other service (Apprise URL)</source>
        <translation>其他服务（Apprise 地址）</translation>
    </message>
    <message>
        <source>Many more services, through an Apprise address</source>
        <translation>通过 Apprise 地址连接更多服务</translation>
    </message>
    <message>
        <source>Apprise address:</source>
        <translation>Apprise 地址：</translation>
    </message>
    <message>
        <source>e.g. tgram://bottoken/chatid</source>
        <translation>例如 tgram://bottoken/chatid</translation>
    </message>
    <message>
        <source>See the Apprise wiki for the address of your service.</source>
        <translation>你的服务的地址写法请参阅 Apprise wiki。</translation>
    </message>
    <message>
        <source>Enter an Apprise address such as tgram://token/chat</source>
        <translation>请输入 Apprise 地址，例如 tgram://token/chat</translation>
    </message>
    <message>
        <source>Without encryption, the password and every message cross the network readable by anyone in between</source>
        <translation>不加密时，密码和每条消息都以明文在网络上传输，途经的任何人都能读取</translation>
    </message>
    <message>
        <source>This address is not encrypted (http)</source>
        <translation>此地址未加密（http）</translation>
    </message>
    <message>
        <source>Unknown placeholder {names}</source>
        <translation>未知的占位符 {names}</translation>
    </message>
    <message>
        <source>The body is not valid JSON ({problem})</source>
        <translation>正文不是有效的 JSON（{problem}）</translation>
    </message>
    <message>
        <source>Remove the spaces; copy it again</source>
        <translation>请去掉空格，重新复制</translation>
    </message>
    <message>
        <source>Enter a web address</source>
        <translation>请输入网址</translation>
    </message>
    <message>
        <source>A web address has no spaces or line breaks</source>
        <translation>网址中不能有空格或换行</translation>
    </message>
    <message>
        <source>This is not a web address</source>
        <extracomment>Where the kind stands in the &quot;Add a channel&quot; picker (smaller first). The field holding the address messages go to (warned about when not encrypted); empty: the first of webhook_url, url, server, api_url the config has. Settings that make :meth:`warnings` speak, so a form can keep room for each warning. The service&apos;s own hosts: a name, or &quot;.example.com&quot; for it and its subdomains.</extracomment>
        <translation>这不是网址</translation>
    </message>
    <message>
        <source>The address must start with https://</source>
        <translation>地址必须以 https:// 开头</translation>
    </message>
    <message>
        <source>Paste the address the service gave you</source>
        <translation>请粘贴服务提供给你的地址</translation>
    </message>
    <message>
        <source>This does not look like a {0} address. Copy the whole address from the service&apos;s settings page.</source>
        <translation>这看起来不像{0}地址。请从服务的设置页面复制完整地址。</translation>
    </message>
    <message>
        <source>This is a {0} address; this channel is {1}.</source>
        <translation>这是{0}地址，但此渠道是{1}。</translation>
    </message>
    <message>
        <source>This DingTalk address has no access_token; copy the whole address</source>
        <translation>这个钉钉地址缺少 access_token，请复制完整地址</translation>
    </message>
    <message>
        <source>WeCom</source>
        <translation>企业微信</translation>
    </message>
    <message>
        <source>A WeCom (WeChat Work) group robot</source>
        <translation>企业微信群机器人</translation>
    </message>
    <message>
        <source>Robot key:</source>
        <translation>机器人 Key：</translation>
    </message>
    <message>
        <source>This WeCom address has no key; copy the whole address</source>
        <translation>这个企业微信地址缺少 key，请复制完整地址</translation>
    </message>
    <message>
        <source>This Feishu/Lark address has no bot token; copy the whole address</source>
        <translation>这个飞书/Lark 地址缺少机器人令牌，请复制完整地址</translation>
    </message>
    <message>
        <source>A Slack incoming webhook looks like https://hooks.slack.com/services/…</source>
        <translation>Slack 传入 Webhook 地址的格式类似 https://hooks.slack.com/services/…</translation>
    </message>
    <message>
        <source>A Discord webhook looks like https://discord.com/api/webhooks/id/token</source>
        <translation>Discord Webhook 地址的格式类似 https://discord.com/api/webhooks/id/token</translation>
    </message>
    <message>
        <source>This Telegram address has no bot token; copy the whole address</source>
        <translation>这个 Telegram 地址缺少机器人令牌，请复制完整地址</translation>
    </message>
    <message>
        <source>An ntfy address looks like https://ntfy.sh/your-topic</source>
        <translation>ntfy 地址的格式类似 https://ntfy.sh/your-topic</translation>
    </message>
    <message>
        <source>Bark</source>
        <extracomment>UTF-8 bytes of title plus body kept (APNs takes 4096 bytes of payload in all). Notifications with the same group are shown together on the phone. Opened when the notification is tapped.</extracomment>
        <translation>Bark</translation>
    </message>
    <message>
        <source>Push to an iPhone through the Bark app</source>
        <translation>通过 Bark 应用推送到 iPhone</translation>
    </message>
    <message>
        <source>Device key:</source>
        <translation>设备密钥：</translation>
    </message>
    <message>
        <source>The key in the test address the Bark app shows.</source>
        <translation>Bark 应用所示测试地址中的密钥。</translation>
    </message>
    <message>
        <source>Group:</source>
        <translation>分组：</translation>
    </message>
    <message>
        <source>Optional, e.g. Reminders</source>
        <translation>可选，例如 提醒</translation>
    </message>
    <message>
        <source>Open when tapped:</source>
        <translation>点按时打开：</translation>
    </message>
    <message>
        <source>Optional, https://…</source>
        <translation>可选，https://…</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <source>Change only for your own bark-server.</source>
        <translation>仅在使用自建 bark-server 时修改。</translation>
    </message>
    <message>
        <source>Paste the address the Bark app shows</source>
        <translation>粘贴 Bark 应用显示的地址</translation>
    </message>
    <message>
        <source>Enter only the key, without slashes</source>
        <translation>只填写密钥，不要带斜杠</translation>
    </message>
    <message>
        <source>This Bark address has no device key; copy the whole address</source>
        <translation>这个 Bark 地址中没有设备密钥，请复制完整地址</translation>
    </message>
    <message>
        <source>Gotify</source>
        <translation>Gotify</translation>
    </message>
    <message>
        <source>Push through your own Gotify server</source>
        <translation>通过自建的 Gotify 服务器推送</translation>
    </message>
    <message>
        <source>e.g. https://gotify.example.com</source>
        <translation>例如 https://gotify.example.com</translation>
    </message>
    <message>
        <source>Application token:</source>
        <translation>应用令牌：</translation>
    </message>
    <message>
        <source>In Gotify: Apps → Create application; copy its token.</source>
        <translation>在 Gotify 中：Apps → Create application，然后复制其令牌。</translation>
    </message>
    <message>
        <source>Priority:</source>
        <translation>优先级：</translation>
    </message>
    <message>
        <source>0 shows no notification, 8 to 10 are the most urgent.</source>
        <translation>0 不显示通知，8 到 10 最紧急。</translation>
    </message>
    <message>
        <source>Enter your Gotify server, e.g. https://gotify.example.com</source>
        <translation>请输入你的 Gotify 服务器，例如 https://gotify.example.com</translation>
    </message>
    <message>
        <source>Enter the application&apos;s token</source>
        <translation>请输入应用令牌</translation>
    </message>
    <message>
        <source>Priority goes from 0 (lowest) to 10 (highest)</source>
        <translation>优先级为 0（最低）到 10（最高）</translation>
    </message>
    <message>
        <source>Service address:</source>
        <extracomment>The editor a form shows for a field.</extracomment>
        <translation>服务地址：</translation>
    </message>
    <message>
        <source>Change only for a proxy or a private server.</source>
        <translation>仅在使用代理或私有服务器时才需要修改。</translation>
    </message>
    <message>
        <source>Pushover</source>
        <extracomment>Send to one of the user&apos;s devices only; empty sends to all of them.</extracomment>
        <translation>Pushover</translation>
    </message>
    <message>
        <source>Push to phones and desktops through Pushover</source>
        <translation>通过 Pushover 推送到手机和电脑</translation>
    </message>
    <message>
        <source>User key:</source>
        <translation>用户密钥：</translation>
    </message>
    <message>
        <source>Shown on your Pushover dashboard once logged in.</source>
        <translation>登录后显示在 Pushover 控制台上。</translation>
    </message>
    <message>
        <source>Register an application on pushover.net to get one.</source>
        <translation>在 pushover.net 上注册一个应用即可获得。</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <source>Optional, all devices if empty</source>
        <translation>可选，留空则发往所有设备</translation>
    </message>
    <message>
        <source>Lowest (no notification)</source>
        <translation>最低（不通知）</translation>
    </message>
    <message>
        <source>Low (quiet)</source>
        <translation>低（静默）</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>普通</translation>
    </message>
    <message>
        <source>High (bypasses quiet hours)</source>
        <translation>高（忽略免打扰时段）</translation>
    </message>
    <message>
        <source>Enter your user key</source>
        <translation>请输入你的用户密钥</translation>
    </message>
    <message>
        <source>Pushover keys are 30 letters and digits; copy it again</source>
        <translation>Pushover 密钥由 30 个字母和数字组成，请重新复制</translation>
    </message>
    <message>
        <source>Choose a priority from the list</source>
        <translation>请从列表中选择优先级</translation>
    </message>
    <message>
        <source>PushPlus</source>
        <extracomment>A problem of the service&apos;s own: sending again later may work. A group&apos;s code (&quot;topic&quot;) to send to its members; empty sends to the token&apos;s owner.</extracomment>
        <translation>PushPlus 推送加</translation>
    </message>
    <message>
        <source>Push to WeChat through PushPlus</source>
        <translation>通过推送加推送到微信</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>令牌：</translation>
    </message>
    <message>
        <source>Your user token from the PushPlus website.</source>
        <translation>推送加网站上你的用户令牌。</translation>
    </message>
    <message>
        <source>HTML</source>
        <translation>HTML</translation>
    </message>
    <message>
        <source>Group code:</source>
        <translation>群组编码：</translation>
    </message>
    <message>
        <source>Only to send to a PushPlus group instead of yourself.</source>
        <translation>仅在发给推送加群组而不是自己时填写。</translation>
    </message>
    <message>
        <source>Paste your PushPlus token</source>
        <translation>粘贴你的推送加令牌</translation>
    </message>
    <message>
        <source>Choose plain text, Markdown or HTML</source>
        <translation>请选择纯文本、Markdown 或 HTML</translation>
    </message>
    <message>
        <source>This PushPlus address has no token; copy the whole address</source>
        <translation>这个推送加地址中没有令牌，请复制完整地址</translation>
    </message>
    <message>
        <source>ServerChan</source>
        <translation>Server酱</translation>
    </message>
    <message>
        <source>Push to WeChat or the ServerChan app</source>
        <translation>推送到微信或 Server酱 应用</translation>
    </message>
    <message>
        <source>SendKey:</source>
        <translation>SendKey：</translation>
    </message>
    <message>
        <source>SCT… or sctp…</source>
        <translation>SCT… 或 sctp…</translation>
    </message>
    <message>
        <source>From the SendKey page of ServerChan.</source>
        <translation>来自 Server酱 的 SendKey 页面。</translation>
    </message>
    <message>
        <source>Paste the SendKey or its address</source>
        <translation>粘贴 SendKey 或其地址</translation>
    </message>
    <message>
        <source>A SendKey has only letters and digits; copy it again</source>
        <translation>SendKey 只含字母和数字，请重新复制</translation>
    </message>
    <message>
        <source>This ServerChan address has no SendKey; copy the whole address</source>
        <translation>这个 Server酱 地址中没有 SendKey，请复制完整地址</translation>
    </message>
</context>
<context>
    <name>contacts</name>
    <message>
        <source>Give the contact a name</source>
        <extracomment>IDs on the chat services, for @mentions (keys: service_ids.KEYS).</extracomment>
        <translation>请填写联系人姓名</translation>
    </message>
    <message>
        <source>Keep the name under 200 characters</source>
        <translation>名称请控制在 200 个字符以内</translation>
    </message>
    <message>
        <source>A custom field needs a name</source>
        <translation>自定义字段需要一个名称</translation>
    </message>
    <message>
        <source>&quot;{name}&quot; is a built-in field; use another name</source>
        <translation>“{name}”是内置字段，请换一个名称</translation>
    </message>
    <message>
        <source>Give the group a name</source>
        <translation>请给分组起个名称</translation>
    </message>
    <message>
        <source>A group called &quot;{name}&quot; already exists</source>
        <translation>已有名为“{name}”的分组</translation>
    </message>
    <message>
        <source>The file is neither UTF-8 nor GB18030 text; save it as “CSV UTF-8”</source>
        <translation>文件既不是 UTF-8 也不是 GB18030 文本，请另存为“CSV UTF-8”</translation>
    </message>
    <message>
        <source>The file is larger than {n} MB</source>
        <translation>文件大于 {n} MB</translation>
    </message>
    <message>
        <source>This is not a text file; choose a .csv file</source>
        <translation>这不是文本文件，请选择 .csv 文件</translation>
    </message>
    <message>
        <source>The file is empty</source>
        <translation>文件是空的</translation>
    </message>
    <message>
        <source>The file is not valid CSV ({problem})</source>
        <translation>文件不是有效的 CSV（{problem}）</translation>
    </message>
    <message>
        <source>The file has more than {n} rows</source>
        <translation>文件超过 {n} 行</translation>
    </message>
    <message>
        <source>The file has more than {n} columns</source>
        <translation>文件超过 {n} 列</translation>
    </message>
    <message>
        <source>The columns {columns} are all imported as “{field}”: choose one</source>
        <translation>{columns} 这几列都导入为“{field}”：请只选一列</translation>
    </message>
    <message>
        <source>existing contact {name}</source>
        <translation>现有联系人 {name}</translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation>第 {line} 行</translation>
    </message>
    <message>
        <source>it holds characters that cannot be seen or that turn text around: {names}</source>
        <translation>其中含有看不见或会改变文字方向的字符：{names}</translation>
    </message>
    <message>
        <source>&quot;{email}&quot; is not an email address like name@example.com ({reason})</source>
        <translation>“{email}”不是有效的电子邮件地址，格式应类似 name@example.com（{reason}）</translation>
    </message>
</context>
<context>
    <name>damaged</name>
    <message>
        <source>{name} (damaged)</source>
        <translation>{name}（已损坏）</translation>
    </message>
    <message>
        <source>This reminder could not be read</source>
        <translation>无法读取此提醒</translation>
    </message>
    <message>
        <source>Its stored settings were damaged. They are kept as they were and included in every export (under &quot;damaged&quot;); make the reminder again from them.</source>
        <translation>它保存的设置已损坏。原内容已保留，并包含在每次导出中（位于“damaged”下）；请据此重新创建提醒。</translation>
    </message>
</context>
<context>
    <name>days</name>
    <message>
        <source>weekend</source>
        <translation>周末</translation>
    </message>
    <message>
        <source>a date to skip</source>
        <translation>跳过的日期</translation>
    </message>
</context>
<context>
    <name>describe</name>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>Jan</source>
        <translation>1 月</translation>
    </message>
    <message>
        <source>Feb</source>
        <translation>2 月</translation>
    </message>
    <message>
        <source>Mar</source>
        <translation>3 月</translation>
    </message>
    <message>
        <source>Apr</source>
        <translation>4 月</translation>
    </message>
    <message>
        <source>May</source>
        <translation>5 月</translation>
    </message>
    <message>
        <source>Jun</source>
        <translation>6 月</translation>
    </message>
    <message>
        <source>Jul</source>
        <translation>7 月</translation>
    </message>
    <message>
        <source>Aug</source>
        <translation>8 月</translation>
    </message>
    <message>
        <source>Sep</source>
        <translation>9 月</translation>
    </message>
    <message>
        <source>Oct</source>
        <translation>10 月</translation>
    </message>
    <message>
        <source>Nov</source>
        <translation>11 月</translation>
    </message>
    <message>
        <source>Dec</source>
        <translation>12 月</translation>
    </message>
    <message>
        <source>January</source>
        <translation>1 月</translation>
    </message>
    <message>
        <source>February</source>
        <translation>2 月</translation>
    </message>
    <message>
        <source>March</source>
        <translation>3 月</translation>
    </message>
    <message>
        <source>April</source>
        <translation>4 月</translation>
    </message>
    <message>
        <source>June</source>
        <translation>6 月</translation>
    </message>
    <message>
        <source>July</source>
        <translation>7 月</translation>
    </message>
    <message>
        <source>August</source>
        <translation>8 月</translation>
    </message>
    <message>
        <source>September</source>
        <translation>9 月</translation>
    </message>
    <message>
        <source>October</source>
        <translation>10 月</translation>
    </message>
    <message>
        <source>November</source>
        <translation>11 月</translation>
    </message>
    <message>
        <source>December</source>
        <translation>12 月</translation>
    </message>
    <message>
        <source>1st</source>
        <translation>第 1 个</translation>
    </message>
    <message>
        <source>2nd</source>
        <translation>第 2 个</translation>
    </message>
    <message>
        <source>3rd</source>
        <translation>第 3 个</translation>
    </message>
    <message>
        <source>4th</source>
        <translation>第 4 个</translation>
    </message>
    <message>
        <source>5th</source>
        <translation>第 5 个</translation>
    </message>
    <message>
        <source>last</source>
        <translation>最后一个</translation>
    </message>
    <message>
        <source>minute</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>day</source>
        <translation>天</translation>
    </message>
    <message>
        <source>week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>weeks</source>
        <translation>周</translation>
    </message>
    <message>
        <source>{rule}{times}{bounds} ({zone})</source>
        <translation>{rule}{times}{bounds}（{zone}）</translation>
    </message>
    <message>
        <source>Once on {date} at {time} ({zone})</source>
        <translation>仅一次：{date} {time}（{zone}）</translation>
    </message>
    <message>
        <source>Every {unit}</source>
        <translation>每{unit}</translation>
    </message>
    <message>
        <source>Every {n} {units}</source>
        <translation>每 {n} {units}</translation>
    </message>
    <message>
        <source>{every} from {start}{end} ({zone})</source>
        <translation>{every}，从 {start} 起{end}（{zone}）</translation>
    </message>
    <message>
        <source>{every} at {time} from {start}{end} ({zone})</source>
        <translation>{every} {time}，从 {start} 起{end}（{zone}）</translation>
    </message>
    <message>
        <source>{every} on {weekday} at {time} from {start}{end} ({zone})</source>
        <translation>{every}的{weekday} {time}，从 {start} 起{end}（{zone}）</translation>
    </message>
    <message>
        <source>Every week on {weekday} at {time} from {start}{end} ({zone})</source>
        <translation>每{weekday} {time}，从 {start} 起{end}（{zone}）</translation>
    </message>
    <message>
        <source> until {stamp}</source>
        <translation>，到 {stamp} 为止</translation>
    </message>
    <message>
        <source>from {date}</source>
        <translation>从 {date} 起</translation>
    </message>
    <message>
        <source>until {date}</source>
        <translation>到 {date} 为止</translation>
    </message>
    <message>
        <source>from {start} until {end}</source>
        <translation>{start} 至 {end}</translation>
    </message>
    <message>
        <source>, {text}</source>
        <translation>，{text}</translation>
    </message>
    <message>
        <source>Every day</source>
        <translation>每天</translation>
    </message>
    <message>
        <source>Every day in {months}</source>
        <translation>{months}的每天</translation>
    </message>
    <message>
        <source>Every weekday</source>
        <translation>每个工作日</translation>
    </message>
    <message>
        <source>Every weekend day</source>
        <translation>每个周末</translation>
    </message>
    <message>
        <source>Every {days}</source>
        <translation>每{days}</translation>
    </message>
    <message>
        <source>{rule} in {months}</source>
        <translation>{months}的{rule}</translation>
    </message>
    <message>
        <source>On {days} of {months}</source>
        <translation>{months}的{days}</translation>
    </message>
    <message>
        <source>On {days} of every month</source>
        <translation>每月{days}</translation>
    </message>
    <message>
        <source>Every year on {day} {month}</source>
        <translation>每年 {month} {day} 日</translation>
    </message>
    <message>
        <source>Every year on the last day of {month}</source>
        <translation>每年 {month}的最后一天</translation>
    </message>
    <message>
        <source>On the {nth} {weekday} of {months}</source>
        <translation>{months}的{nth}{weekday}</translation>
    </message>
    <message>
        <source>On the {nth} {weekday} of every month</source>
        <translation>每月{nth}{weekday}</translation>
    </message>
    <message>
        <source>every month</source>
        <translation>每月</translation>
    </message>
    <message>
        <source>day {days}</source>
        <translation> {days}</translation>
    </message>
    <message>
        <source>days {days}</source>
        <translation> {days}</translation>
    </message>
    <message>
        <source>{day}</source>
        <translation>{day} 日</translation>
    </message>
    <message>
        <source>the last day</source>
        <translation>最后一天</translation>
    </message>
    <message>
        <source> at {times}</source>
        <translation> {times}</translation>
    </message>
    <message>
        <source>{head} and {tail}</source>
        <translation>{head}和{tail}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Crontab &quot;{line}&quot; ({zone})</source>
        <translation>Crontab 表达式“{line}”（{zone}）</translation>
    </message>
    <message>
        <source>Crontab &quot;{line}&quot;: {text}</source>
        <translation>Crontab 表达式“{line}”：{text}</translation>
    </message>
    <message>
        <source>A schedule ({zone})</source>
        <translation>某个时间安排（{zone}）</translation>
    </message>
    <message>
        <source>{day} {month} {year}</source>
        <translation>{year}年{month_number}月{day}日</translation>
    </message>
    <message>
        <source>{weekday} {date}</source>
        <translation>{date} {weekday}</translation>
    </message>
    <message>
        <source>Mon–Fri</source>
        <translation>周一至周五</translation>
    </message>
    <message>
        <source>China</source>
        <translation>中国</translation>
    </message>
    <message>
        <source>Every working day ({calendar})</source>
        <translation>每个工作日（{calendar}）</translation>
    </message>
    <message>
        <source>On the last working day of every month ({calendar})</source>
        <translation>每月最后一个工作日（{calendar}）</translation>
    </message>
    <message>
        <source>On the {nth} working day of every month ({calendar})</source>
        <translation>每月{nth}工作日（{calendar}）</translation>
    </message>
    <message>
        <source>Every year on lunar {month}, {day}</source>
        <translation>每年农历{month}{day}</translation>
    </message>
    <message>
        <source>Every lunar month on {day}</source>
        <translation>每月农历{day}</translation>
    </message>
    <message>
        <source>Every {n} weeks on {days}</source>
        <translation>每 {n} 周的{days}</translation>
    </message>
    <message>
        <source>, skipped on days off ({calendar})</source>
        <translation>，遇休息日跳过（{calendar}）</translation>
    </message>
    <message>
        <source>, on a day off ({calendar}) the working day before</source>
        <translation>，遇休息日提前到前一个工作日（{calendar}）</translation>
    </message>
    <message>
        <source>, on a day off ({calendar}) the next working day</source>
        <translation>，遇休息日顺延到下一个工作日（{calendar}）</translation>
    </message>
    <message>
        <source>, except {dates}</source>
        <translation>，{dates} 除外</translation>
    </message>
    <message>
        <source>, {n} runs in all</source>
        <translation>，共 {n} 次</translation>
    </message>
    <message>
        <source> (day 29 in a short month)</source>
        <translation>（小月为廿九）</translation>
    </message>
</context>
<context>
    <name>duty</name>
    <message>
        <source>(a removed contact)</source>
        <extracomment>People in one rotation, and swaps kept, at most (a rotation is a team, not a directory).</extracomment>
        <translation>（已删除的联系人）</translation>
    </message>
    <message>
        <source>Choose who takes turns on duty</source>
        <translation>请选择轮流值班的人</translation>
    </message>
    <message>
        <source>Each person takes one place in turn</source>
        <translation>每人在顺序中只能出现一次</translation>
    </message>
    <message>
        <source>Keep the rotation under {n} people</source>
        <translation>值班轮换不能超过 {n} 人</translation>
    </message>
    <message>
        <source>One swap per date: remove the other</source>
        <translation>每个日期只能有一次换班：请删除另一条</translation>
    </message>
    <message>
        <source>Keep under {n} swaps; remove past ones</source>
        <translation>换班不能超过 {n} 条；请删除已过去的</translation>
    </message>
    <message>
        <source>Someone in the rotation was removed from the contacts</source>
        <translation>值班轮换中有人已从联系人中删除</translation>
    </message>
    <message>
        <source>must be a date (YYYY-MM-DD)</source>
        <translation>必须是日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>must be day or week</source>
        <translation>必须是 day 或 week</translation>
    </message>
    <message>
        <source>must be a date and a contact id</source>
        <translation>必须包含日期和联系人 id</translation>
    </message>
</context>
<context>
    <name>limits</name>
    <message>
        <source>will be sent in {n} parts</source>
        <translation>将分 {n} 条发送</translation>
    </message>
    <message>
        <source>{size} bytes</source>
        <extracomment>A signed Feishu message carries these two fields too (their size, not their values).</extracomment>
        <translation>{size} 字节</translation>
    </message>
    <message>
        <source>{size} characters</source>
        <translation>{size} 个字符</translation>
    </message>
    <message>
        <source>A single word or link is longer than one {service} message ({limit}); shorten it</source>
        <translation>有一个词或链接比一条 {service} 消息（{limit}）还长；请缩短</translation>
    </message>
    <message>
        <source>The message is {size} on {service}, which takes at most {limit}; shorten it</source>
        <translation>消息在 {service} 上为 {size}，上限为 {limit}；请缩短</translation>
    </message>
</context>
<context>
    <name>lunar</name>
    <message>
        <source>day {n}</source>
        <translation>{n} 日</translation>
    </message>
    <message>
        <source>month {n}</source>
        <translation>{n} 月</translation>
    </message>
</context>
<context>
    <name>mentions</name>
    <message>
        <source>This channel cannot @mention anyone; nobody will be pinged.</source>
        <translation>此渠道无法 @ 任何人；不会提醒任何人。</translation>
    </message>
    <message>
        <source>“On duty” is chosen but this push has no duty rotation: nobody will be pinged for it. Set one up under Duty.</source>
        <translation>选择了“值班人”，但此提醒没有值班轮换：不会因此提醒任何人。请在“值班”中设置。</translation>
    </message>
    <message>
        <source>No {service} ID for {names}: they will not be pinged. Add it in Contacts.</source>
        <translation>{names} 没有 {service} ID：不会被提醒。请在联系人中添加。</translation>
    </message>
    <message>
        <source>WeCom markdown messages ping by userid only, not by mobile: {names} will not be pinged. Add their userid or send plain text.</source>
        <translation>企业微信 Markdown 消息只能按 userid 提醒，不能按手机号：{names} 不会被提醒。请添加其 userid，或发送纯文本。</translation>
    </message>
    <message>
        <source>WeCom markdown messages cannot @all; send plain text to ping everyone.</source>
        <translation>企业微信 Markdown 消息不能 @所有人；要提醒所有人请发送纯文本。</translation>
    </message>
    <message>
        <source>Telegram has no @everyone for bots: “everyone” will not ping anybody.</source>
        <translation>Telegram 机器人没有 @所有人：“所有人”不会提醒任何人。</translation>
    </message>
    <message>
        <source>Telegram pings an @username only if that person is a member of the chat.</source>
        <translation>Telegram 只在对方是该聊天成员时才会因 @用户名 收到提醒。</translation>
    </message>
    <message>
        <source> and {n} more</source>
        <translation> 等另外 {n} 人</translation>
    </message>
</context>
<context>
    <name>nag</name>
    <message>
        <source>Repeat every 1 to {n} minutes</source>
        <translation>间隔须在 1 到 {n} 分钟之间</translation>
    </message>
    <message>
        <source>Escalate after 1 minute to 7 days</source>
        <translation>通知他人的时间须在 1 分钟到 7 天之间</translation>
    </message>
    <message>
        <source>Choose who is told when it is not done</source>
        <translation>请选择未完成时通知谁</translation>
    </message>
    <message>
        <source>Not done: {title}</source>
        <translation>未完成：{title}</translation>
    </message>
    <message>
        <source>The reminder &quot;{title}&quot; due at {time} was not marked done within {n} minutes.</source>
        <translation>提醒“{title}”（{time} 到期）在 {n} 分钟内未标记完成。</translation>
    </message>
</context>
<context>
    <name>own_days</name>
    <message>
        <source>must be a list of days</source>
        <translation>必须是日期列表</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>必须是对象</translation>
    </message>
    <message>
        <source>must be a date such as 2026-12-24</source>
        <translation>必须是 2026-12-24 这样的日期</translation>
    </message>
    <message>
        <source>The note must be text of at most {n} characters</source>
        <translation>备注必须是不超过 {n} 个字符的文字</translation>
    </message>
    <message>
        <source>{date} cannot be both a day off and a working day</source>
        <translation>{date} 不能既是休息日又是工作日</translation>
    </message>
</context>
<context>
    <name>quiet</name>
    <message>
        <source>Opening and closing times are the same: choose a window</source>
        <extracomment>Days searched for the next opening: a year covers any calendar with a working day in it.</extracomment>
        <translation>开始和停止时间相同：请选择一个时间段</translation>
    </message>
    <message>
        <source>Choose at least one day</source>
        <translation>请至少选择一天</translation>
    </message>
</context>
<context>
    <name>recipients</name>
    <message>
        <source>The message for {recipient} would be {size} characters once its placeholders are filled; keep it under {limit}</source>
        <extracomment>Characters of title, body and HTML together that one recipient&apos;s message may reach once its placeholders are filled (about 4 MB as UTF-8 at most; mail servers take less).</extracomment>
        <translation>填入占位符后，发给 {recipient} 的消息将有 {size} 个字符；请控制在 {limit} 以内</translation>
    </message>
</context>
<context>
    <name>service_ids</name>
    <message>
        <source>digits, optionally +country code, e.g. 13800138000</source>
        <translation>数字，可带 + 国家代码，例如 13800138000</translation>
    </message>
    <message>
        <source>DingTalk userId:</source>
        <translation>钉钉 userId：</translation>
    </message>
    <message>
        <source>letters, digits, - and _, as in the admin console</source>
        <translation>字母、数字、- 和 _，与管理后台中的一致</translation>
    </message>
    <message>
        <source>DingTalk mobile:</source>
        <translation>钉钉手机号：</translation>
    </message>
    <message>
        <source>WeCom userid:</source>
        <translation>企业微信 userid：</translation>
    </message>
    <message>
        <source>letters, digits, _ . - @, not starting with @</source>
        <translation>字母、数字、_ . - @，不以 @ 开头</translation>
    </message>
    <message>
        <source>WeCom mobile:</source>
        <translation>企业微信手机号：</translation>
    </message>
    <message>
        <source>Feishu open_id or user_id:</source>
        <translation>飞书 open_id 或 user_id：</translation>
    </message>
    <message>
        <source>an open_id like ou_7d8a… or a user_id of letters and digits</source>
        <translation>形如 ou_7d8a… 的 open_id，或由字母和数字组成的 user_id</translation>
    </message>
    <message>
        <source>Slack member ID:</source>
        <translation>Slack 成员 ID：</translation>
    </message>
    <message>
        <source>U or W and capital letters or digits, e.g. U024BE7LH (profile → ⋮ → Copy member ID)</source>
        <translation>U 或 W 加大写字母或数字，例如 U024BE7LH（个人资料 → ⋮ → 复制成员 ID）</translation>
    </message>
    <message>
        <source>Discord user ID:</source>
        <translation>Discord 用户 ID：</translation>
    </message>
    <message>
        <source>17 to 20 digits (Developer Mode → right-click the user → Copy User ID)</source>
        <translation>17 到 20 位数字（开发者模式 → 右键点击用户 → 复制用户 ID）</translation>
    </message>
    <message>
        <source>Telegram username:</source>
        <translation>Telegram 用户名：</translation>
    </message>
    <message>
        <source>5 to 32 letters, digits and _, e.g. @alice_w</source>
        <translation>5 到 32 个字母、数字和 _，例如 @alice_w</translation>
    </message>
    <message>
        <source>pushgui knows no service ID called “{key}”</source>
        <translation>pushgui 不认识名为“{key}”的服务 ID</translation>
    </message>
    <message>
        <source>“{value}” would @mention everyone; choose “everyone” on the target</source>
        <translation>“{value}”会 @ 所有人；请在发送目标上选择“所有人”</translation>
    </message>
    <message>
        <source>This does not look like one: {hint}</source>
        <translation>格式不对：{hint}</translation>
    </message>
</context>
<context>
    <name>specs</name>
    <message>
        <source>has the wrong type</source>
        <translation>类型不正确</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>必须是整数</translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation>必须是数字</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>必须是文本</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>必须是对象</translation>
    </message>
    <message>
        <source>is missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>must be a date and time such as 2026-12-24T09:00</source>
        <translation>必须是日期和时间，例如 2026-12-24T09:00</translation>
    </message>
    <message>
        <source>must be a wall-clock time without a UTC offset (see timezone)</source>
        <translation>必须是不带 UTC 偏移的本地时间（时区见 timezone）</translation>
    </message>
    <message>
        <source>must be a date such as 2026-12-24</source>
        <translation>必须是日期，例如 2026-12-24</translation>
    </message>
    <message>
        <source>must be a list of whole numbers</source>
        <translation>必须是整数列表</translation>
    </message>
    <message>
        <source>must be a list of text values</source>
        <translation>必须是文本列表</translation>
    </message>
    <message>
        <source>{value} is not a time such as 09:30</source>
        <translation>{value} 不是时间，应类似 09:30</translation>
    </message>
    <message>
        <source>must be minutes, hours, days or weeks</source>
        <translation>必须是 minutes、hours、days 或 weeks</translation>
    </message>
    <message>
        <source>must be one of {values}</source>
        <translation>必须是以下之一：{values}</translation>
    </message>
    <message>
        <source>must be date, interval or cron</source>
        <translation>必须是 date、interval 或 cron</translation>
    </message>
    <message>
        <source>must be an object with a kind</source>
        <extracomment>Kept in the push row&apos;s own columns, never in its stored spec JSON: the row is their one source (export files still carry them, see docs/EXPORT_FORMAT.md).</extracomment>
        <translation>必须是带 kind 的对象</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>必须是 true 或 false</translation>
    </message>
    <message>
        <source>must be an object with a title and a body</source>
        <translation>必须是带 title 和 body 的对象</translation>
    </message>
    <message>
        <source>must be a list of file paths</source>
        <translation>必须是文件路径列表</translation>
    </message>
    <message>
        <source>must be plain or markdown</source>
        <translation>必须是 plain 或 markdown</translation>
    </message>
    <message>
        <source>must be a list</source>
        <translation>必须是列表</translation>
    </message>
    <message>
        <source>must be once, all, skip or late</source>
        <translation>必须是 once、all、skip 或 late</translation>
    </message>
</context>
<context>
    <name>store</name>
    <message>
        <source>The team database refused this change: your login “{login}” may not make it (a viewer can look at the reminders but not change them). Nothing was changed; ask the team&apos;s administrator if you should be an editor.</source>
        <translation>团队数据库拒绝了此更改：你的登录名“{login}”无权进行此操作（查看者只能查看提醒，不能更改）。没有任何内容被更改；如果你应当是编辑者，请联系团队的管理员。</translation>
    </message>
    <message>
        <source>The team database refused this change: your login may not make it (a viewer can look at the reminders but not change them). Nothing was changed; ask the team&apos;s administrator if you should be an editor.</source>
        <translation>团队数据库拒绝了此更改：你的登录名无权进行此操作（查看者只能查看提醒，不能更改）。没有任何内容被更改；如果你应当是编辑者，请联系团队的管理员。</translation>
    </message>
</context>
<context>
    <name>stored</name>
    <message>
        <source>Missed; sent once for several missed runs</source>
        <translation>已错过；多次错过的发送合并为一次发出</translation>
    </message>
    <message>
        <source>Missed while pushgui was not running; skipped as this reminder asks</source>
        <translation>pushgui 未运行时错过，已按此提醒的设置跳过</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Missed; skipped when pushgui started</source>
        <translation>已错过；pushgui 启动时已跳过</translation>
    </message>
    <message>
        <source>Superseded: a later run of this reminder reached this recipient</source>
        <translation>已被取代：此提醒的后一次运行已送达该收件人</translation>
    </message>
    <message>
        <source>pushgui stopped while sending; it may or may not have arrived</source>
        <extracomment>Runs a sender settles together as it goes (one transaction for all of them). Rows a run&apos;s retry job takes when due: failed tries, and deliveries held by quiet hours.</extracomment>
        <translation>发送时 pushgui 停止了，消息可能已送达，也可能没有</translation>
    </message>
    <message>
        <source>Interrupted; you chose not to send it again</source>
        <translation>已中断，你选择了不再发送</translation>
    </message>
    <message>
        <source>Skipped this time, as you asked</source>
        <translation>已按你的要求跳过这一次</translation>
    </message>
    <message>
        <source>Held by quiet hours</source>
        <translation>因免打扰时段暂缓</translation>
    </message>
</context>
<context>
    <name>templates</name>
    <message>
        <source>Give the template a name</source>
        <translation>请给模板起个名称</translation>
    </message>
    <message>
        <source>Keep the name under {n} characters</source>
        <translation>名称请控制在 {n} 个字符以内</translation>
    </message>
</context>
<context>
    <name>transfer</name>
    <message>
        <source>{head} and {n} more</source>
        <translation>{head} 等，另有 {n} 个</translation>
    </message>
    <message>
        <source>there is no {kind} channel {id}</source>
        <translation>没有编号为 {id} 的 {kind} 渠道</translation>
    </message>
    <message>
        <source>contacts {ids} do not exist here</source>
        <translation>联系人 {ids} 在这里不存在</translation>
    </message>
    <message>
        <source>groups {ids} do not exist here</source>
        <translation>群组 {ids} 在这里不存在</translation>
    </message>
    <message>
        <source>The file is larger than {n} MB</source>
        <translation>文件大于 {n} MB</translation>
    </message>
    <message>
        <source>The file is not valid JSON ({problem})</source>
        <translation>文件不是有效的 JSON（{problem}）</translation>
    </message>
    <message>
        <source>The file is nested too deeply to be an export</source>
        <translation>文件嵌套层级过深，不是导出文件</translation>
    </message>
    <message>
        <source>The file contains text that is not valid Unicode</source>
        <translation>文件中包含无效的 Unicode 文本</translation>
    </message>
    <message>
        <source>This is not a pushgui export (expected &quot;format&quot;: &quot;{format}&quot;)</source>
        <translation>这不是 pushgui 导出文件（应包含 &quot;format&quot;: &quot;{format}&quot;）</translation>
    </message>
    <message>
        <source>The version must be a whole number</source>
        <translation>版本号必须是整数</translation>
    </message>
    <message>
        <source>The file is format version {version}, from a newer pushgui; this one reads version {supported}</source>
        <translation>该文件为第 {version} 版格式，来自更新版本的 pushgui；当前版本只能读取第 {supported} 版</translation>
    </message>
    <message>
        <source>holds more than {n} reminders</source>
        <translation>包含超过 {n} 个提醒</translation>
    </message>
    <message>
        <source>{n} damaged reminder(s), kept in the file only</source>
        <translation>{n} 个已损坏的提醒，仅保留在文件中</translation>
    </message>
    <message>
        <source>Cannot read {path}: it is not a regular file (a device or a pipe)</source>
        <translation>无法读取 {path}：它不是普通文件（是设备或管道）</translation>
    </message>
    <message>
        <source>Cannot read {path}: {problem}</source>
        <translation>无法读取 {path}：{problem}</translation>
    </message>
</context>
<context>
    <name>typed</name>
    <message>
        <source>Not a month name</source>
        <translation>不是月份名称</translation>
    </message>
    <message>
        <source>Type a rule, e.g. every weekday at 9</source>
        <translation>请输入规则，例如 每个工作日 9点</translation>
    </message>
    <message>
        <source>Not understood: &quot;{part}&quot;. After the days, write a time such as 9:30, 3pm or 下午3点</source>
        <translation>无法识别：“{part}”。在日期之后写时间，例如 9:30、3pm 或 下午3点</translation>
    </message>
    <message>
        <source>Rules on working days never fall on a day off</source>
        <translation>按工作日的规则不会落在休息日</translation>
    </message>
    <message>
        <source>No such date</source>
        <translation>没有这个日期</translation>
    </message>
    <message>
        <source>Not understood: &quot;{part}&quot;. Write one time such as 15:00 or 下午3点</source>
        <translation>无法识别：“{part}”。请写一个时间，例如 15:00 或 下午3点</translation>
    </message>
    <message>
        <source>Not understood: &quot;{part}&quot;. Start with every, on the, tomorrow, 每, 明天 (see the list of forms)</source>
        <translation>无法识别：“{part}”。请以 每、明天、every、on the、tomorrow 开头（见可用格式列表）</translation>
    </message>
</context>
<context>
    <name>validation</name>
    <message>
        <source>Choose a time in the future</source>
        <translation>请选择一个将来的时间</translation>
    </message>
    <message>
        <source>Choose a date between {first} and {last}</source>
        <translation>请选择 {first} 年到 {last} 年之间的日期</translation>
    </message>
    <message>
        <source>Choose minutes, hours, days or weeks</source>
        <translation>请选择分钟、小时、天或周</translation>
    </message>
    <message>
        <source>The interval must be at least 1</source>
        <translation>间隔至少为 1</translation>
    </message>
    <message>
        <source>The interval can be at most {n} {unit} (about 10 years)</source>
        <translation>间隔最多为 {n} {unit}（约 10 年）</translation>
    </message>
    <message>
        <source>The end must be after the start</source>
        <translation>结束时间必须晚于开始时间</translation>
    </message>
    <message>
        <source>The end date must be on or after the start date</source>
        <translation>结束日期不能早于开始日期</translation>
    </message>
    <message>
        <source>Choose at least one time of day</source>
        <translation>请至少选择一个时间</translation>
    </message>
    <message>
        <source>Choose at least one weekday</source>
        <translation>请至少选择一个星期几</translation>
    </message>
    <message>
        <source>Choose at least one day of the month</source>
        <translation>请至少选择每月中的一天</translation>
    </message>
    <message>
        <source>Day {day} does not exist: use 1 to 31 or &quot;last&quot;</source>
        <translation>没有 {day} 日：请使用 1 到 31，或“最后一天”</translation>
    </message>
    <message>
        <source>Choose the 1st to the 5th, or the last</source>
        <translation>请选择第 1 个到第 5 个，或最后一个</translation>
    </message>
    <message>
        <source>Choose which days the reminder runs on</source>
        <translation>请选择提醒在哪些日子发送</translation>
    </message>
    <message>
        <source>Month {month} does not exist: use 1 to 12</source>
        <translation>没有 {month} 月：请使用 1 到 12</translation>
    </message>
    <message>
        <source>Unknown weekday &quot;{name}&quot;: use mon, tue, wed, thu, fri, sat or sun</source>
        <translation>未知的星期“{name}”：请使用 mon、tue、wed、thu、fri、sat 或 sun</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>weeks</source>
        <translation>周</translation>
    </message>
    <message>
        <source>January</source>
        <translation>1 月</translation>
    </message>
    <message>
        <source>February</source>
        <translation>2 月</translation>
    </message>
    <message>
        <source>March</source>
        <translation>3 月</translation>
    </message>
    <message>
        <source>April</source>
        <translation>4 月</translation>
    </message>
    <message>
        <source>May</source>
        <translation>5 月</translation>
    </message>
    <message>
        <source>June</source>
        <translation>6 月</translation>
    </message>
    <message>
        <source>July</source>
        <translation>7 月</translation>
    </message>
    <message>
        <source>August</source>
        <translation>8 月</translation>
    </message>
    <message>
        <source>September</source>
        <translation>9 月</translation>
    </message>
    <message>
        <source>October</source>
        <translation>10 月</translation>
    </message>
    <message>
        <source>November</source>
        <translation>11 月</translation>
    </message>
    <message>
        <source>December</source>
        <translation>12 月</translation>
    </message>
    <message>
        <source>{day} {month} never happens: pick another day or month</source>
        <translation>{month} {day} 日不存在：请换一天或换个月份</translation>
    </message>
    <message>
        <source>{head} and {tail}</source>
        <translation>{head}、{tail}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Day {day} never happens in {months}: pick another day or month</source>
        <translation>{months}都没有 {day} 日：请换一天或换个月份</translation>
    </message>
    <message>
        <source>The rule never fires: choose an end in the future</source>
        <translation>这条规则永远不会触发：请选择将来的结束时间</translation>
    </message>
    <message>
        <source>The rule never fires: choose an end date in the future</source>
        <translation>这条规则永远不会触发：请选择将来的结束日期</translation>
    </message>
    <message>
        <source>The rule never fires</source>
        <translation>这条规则永远不会触发</translation>
    </message>
    <message>
        <source>Choose a time zone</source>
        <translation>请选择时区</translation>
    </message>
    <message>
        <source>Unknown time zone &quot;{zone}&quot;</source>
        <translation>未知的时区“{zone}”</translation>
    </message>
    <message>
        <source>{text} is not a placeholder; write it like ${{name}}</source>
        <translation>{text} 不是占位符，请写成 ${{name}} 的形式</translation>
    </message>
    <message>
        <source>${{{name}}} needs a duty rotation: set one up below</source>
        <translation>${{{name}}} 需要值班轮换：请在下方设置</translation>
    </message>
    <message>
        <source>Unknown placeholder {names}: use a contact field or ${{name}}</source>
        <translation>未知的占位符 {names}：请使用联系人字段或 ${{name}}</translation>
    </message>
    <message>
        <source>Keep the name under {n} characters</source>
        <translation>名称请控制在 {n} 个字符以内</translation>
    </message>
    <message>
        <source>Keep the title under {n} characters</source>
        <translation>标题请控制在 {n} 个字符以内</translation>
    </message>
    <message>
        <source>Keep the message under {n} characters</source>
        <translation>消息请控制在 {n} 个字符以内</translation>
    </message>
    <message>
        <source>Keep the HTML version under {n} characters</source>
        <translation>HTML 版本请控制在 {n} 个字符以内</translation>
    </message>
    <message>
        <source>Give the reminder a name</source>
        <translation>请给提醒起个名称</translation>
    </message>
    <message>
        <source>Write a title for the message</source>
        <translation>请填写消息标题</translation>
    </message>
    <message>
        <source>Remove the line breaks and control characters</source>
        <extracomment>Characters an address cannot hold and a reader cannot see: format (zero-width, bidi overrides), controls, separators and spaces, private or unassigned code points.</extracomment>
        <translation>请删除换行符和控制字符</translation>
    </message>
    <message>
        <source>&quot;{kind}&quot; is not a channel pushgui knows</source>
        <translation>pushgui 不认识“{kind}”这种渠道</translation>
    </message>
    <message>
        <source>Choose at least one recipient</source>
        <translation>请至少选择一个收件人</translation>
    </message>
    <message>
        <source>Choose a channel to send through</source>
        <translation>请选择发送渠道</translation>
    </message>
    <message>
        <source>Choose contacts or groups to email</source>
        <translation>请选择要发邮件的联系人或分组</translation>
    </message>
    <message>
        <source>Retry between 0 and {n} times</source>
        <translation>重试次数应在 0 到 {n} 次之间</translation>
    </message>
    <message>
        <source>Wait between {n} seconds and a day before retrying</source>
        <translation>重试前的等待时间应在 {n} 秒到 1 天之间</translation>
    </message>
    <message>
        <source>Choose between 1 minute and 7 days</source>
        <translation>请选择 1 分钟到 7 天之间的时长</translation>
    </message>
    <message>
        <source>Give the heads-up between 0 and 1440 minutes</source>
        <translation>提前通知时间应在 0 到 1440 分钟之间</translation>
    </message>
    <message>
        <source>Choose working day 1 to {n}, or the last</source>
        <translation>请选择第 1 到第 {n} 个工作日，或最后一个</translation>
    </message>
    <message>
        <source>Choose a lunar month from 1 to 12</source>
        <translation>请选择 1 到 12 的农历月</translation>
    </message>
    <message>
        <source>Choose a lunar day from 1 to 30</source>
        <translation>请选择 1 到 30 的农历日</translation>
    </message>
    <message>
        <source>Lunar dates are known from {first} to {last}</source>
        <translation>农历日期只支持 {first} 到 {last} 年</translation>
    </message>
    <message>
        <source>Choose what happens on a day off</source>
        <translation>请选择遇到休息日时的做法</translation>
    </message>
    <message>
        <source>Choose every 1 to {n} weeks</source>
        <translation>请选择每 1 到 {n} 周</translation>
    </message>
    <message>
        <source>Every N weeks needs a rule on chosen weekdays</source>
        <translation>每 N 周只能用于选定的星期几</translation>
    </message>
    <message>
        <source>Choose a start date: weeks are counted from it</source>
        <translation>请选择开始日期：周数从这天起算</translation>
    </message>
    <message>
        <source>Choose from 1 to {n} runs</source>
        <translation>请选择 1 到 {n} 次</translation>
    </message>
    <message>
        <source>Choose a start date: runs are counted from it</source>
        <translation>请选择开始日期：次数从这天起算</translation>
    </message>
</context>
<context>
    <name>when</name>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message numerus="yes">
        <source>in %n min</source>
        <translation>
            <numerusform>%n 分钟后</numerusform>
        </translation>
    </message>
    <message>
        <source>today {time}</source>
        <translation>今天 {time}</translation>
    </message>
    <message>
        <source>tomorrow {time}</source>
        <translation>明天 {time}</translation>
    </message>
</context>
<context>
    <name>workdays</name>
    <message>
        <source>Unknown country &quot;{code}&quot;: use a code such as CN, US or DE</source>
        <translation>未知国家“{code}”：请用 CN、US 或 DE 这样的代码</translation>
    </message>
    <message>
        <source>Unknown region &quot;{region}&quot; of {country}</source>
        <translation>{country} 没有地区“{region}”</translation>
    </message>
    <message>
        <source>own day off</source>
        <translation>公司休息日</translation>
    </message>
    <message>
        <source>Monday to Friday</source>
        <translation>周一至周五</translation>
    </message>
    <message>
        <source>China (holidays and make-up working days)</source>
        <translation>中国（节假日和调休）</translation>
    </message>
    <message>
        <source>China&apos;s {year} holidays are not published yet; {year} runs assume Mon–Fri</source>
        <translation>中国 {year} 年的节假日尚未公布；{year} 年的运行按周一至周五计算</translation>
    </message>
</context>
</TS>
