<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../../kiosk/hall_display.py" line="+90"/>
        <source>政务服务中心</source>
        <translation>Government Service Centre</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>请留意叫号</source>
        <translation>Please watch for your number</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>最近叫号</source>
        <translation>Recent calls</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>等候人数</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>请携带身份证件，按叫号到对应窗口办理。评价不影响办理结果。</source>
        <translation>Please have your ID ready and go to the window when your number is called. Your rating does not affect the outcome.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>请 %1 号
到 %2 号窗口办理</source>
        <translation>Number %1
please go to window %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 号窗口</source>
        <translation>Window %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1：%2 人</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>大厅叫号服务暂时连接不上：请以窗口叫号为准，已取的号仍然有效。</source>
        <translation>The hall&apos;s calling service is not reachable: listen for the windows&apos; calls; your ticket stays valid.</translation>
    </message>
</context>
<context>
    <name>Acceptance</name>
    <message>
        <location filename="../../window_client/intake/acceptance.py" line="+76"/>
        <source>小票打印机未配置或未就绪</source>
        <translation>The receipt printer is not configured or not ready</translation>
    </message>
</context>
<context>
    <name>ApplicantPage</name>
    <message>
        <location filename="../../window_client/intake/applicant_page.py" line="+73"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请申请人把居民身份证放在阅读器上，信息自动填入；没有证件时可手工录入。</source>
        <translation>Ask the applicant to place the ID card on the reader; the details fill in by themselves. Without a card, type them in.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>读取身份证</source>
        <translation>Read the ID card</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>申请人信息</source>
        <translation>Applicant details</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>民族</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>手机号码</source>
        <translation>Mobile number</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>按证件上的英文字母填写</source>
        <translation>As printed in Latin letters on the document</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年-月-日，如 1990-03-07</source>
        <translation>YYYY-MM-DD, e.g. 1990-03-07</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>护照上的三位字母代码，如 USA</source>
        <translation>Three-letter code in the passport, e.g. USA</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>护照内居留许可的号码（选填）</source>
        <translation>Number of the residence permit in the passport (optional)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>与证件一致</source>
        <translation>As on the ID document</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../window_client/intake/document_fields.py" line="+58"/>
        <source>18 位居民身份证号码或居住证号码</source>
        <translation>18-character resident ID or residence permit number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>如：汉</source>
        <translation>e.g. Han</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件住址或现住址</source>
        <translation>Address on the card or current address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>11 位手机号码（选填）</source>
        <translation>11-digit mobile number (optional)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>证件类型</source>
        <translation>Document</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>核验完整号码</source>
        <translation>Show full number to verify</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>修改</source>
        <translation>Change</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>✓ 已从身份证读取，请核对人证是否一致</source>
        <translation>✓ Read from the ID card — check that the card matches the person</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>阅读器正在启动…</source>
        <translation>Reader starting…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>身份证阅读器未配置：请手工录入。</source>
        <translation>No ID card reader is configured: type the details in.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>阅读器：%1</source>
        <translation>Reader: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>阅读器故障：%1。可手工录入。</source>
        <translation>Reader fault: %1. You can type the details in.</translation>
    </message>
    <message>
        <location filename="../../window_client/intake/document_fields.py" line="-40"/>
        <source>居民身份证、港澳台居民居住证或外国人永久居留身份证</source>
        <translation>Resident ID card, HK/Macao/Taiwan residence permit or foreigner&apos;s permanent residence card</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>港澳居民来往内地通行证（回乡证）</source>
        <translation>Mainland Travel Permit for HK and Macao Residents</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>台湾居民来往大陆通行证（台胞证）</source>
        <translation>Mainland Travel Permit for Taiwan Residents</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>外国护照</source>
        <translation>Foreign passport</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>请选择</source>
        <translation>Choose</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>外文姓名</source>
        <translation>Name (Latin letters)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>国籍</source>
        <translation>Nationality</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>居留许可号码</source>
        <translation>Residence permit no.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>H 或 M 加 8 位数字，如 H12345678</source>
        <translation>H or M and 8 digits, e.g. H12345678</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>8 位数字</source>
        <translation>8 digits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>护照号码（英文字母和数字）</source>
        <translation>Passport number (letters and digits)</translation>
    </message>
</context>
<context>
    <name>AppointmentPage</name>
    <message>
        <location filename="../../kiosk/screens/ticket_appointment.py" line="+53"/>
        <source>您预约的时段是 %1，约 %2 起叫号，请在等候区留意</source>
        <translation>Your appointment is at %1; calls for it begin about %2. Please wait in the waiting area</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>请把预约二维码对准扫码口，或在下方输入 %1 位预约码。</source>
        <translation>Hold your appointment QR code to the scanner, or enter the %1-digit appointment code below.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>预约需联网核验，您可先取普通号。</source>
        <translation>Appointments are checked online and the queue system cannot be reached. You can take an ordinary ticket now.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>预约码</source>
        <translation>Appointment code</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>确认预约码，取号</source>
        <translation>Confirm the code and take a ticket</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>没有预约或预约已失效：取普通号</source>
        <translation>No appointment, or it has expired: take an ordinary ticket</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>已在网上预约：预约取号</source>
        <translation>Booked online: take your appointment ticket</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>正在核验预约，请稍候…</source>
        <translation>Checking your appointment, please wait…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>这个预约已经取过号，这是原来的号码，凭条重新打印。</source>
        <translation>A ticket was already taken for this appointment: this is that number, and its slip is printed again.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>暂时无法核验预约，您可先取普通号。</source>
        <translation>Your appointment cannot be checked right now. You can take an ordinary ticket.</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../../kiosk/screens/attract.py" line="+116"/>
        <source>长时间无操作，本次办理已自动结束，个人信息已全部清除。别忘了取走身份证。</source>
        <translation>There was no activity for a while, so your session has ended automatically and all personal information has been cleared. Don&apos;t forget to take your ID card.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>本次办理已结束，个人信息已全部清除。请带好身份证和打印的材料。</source>
        <translation>Your session has ended and all personal information has been cleared. Please take your ID card and your printouts with you.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>出生即参保 · 自助服务</source>
        <translation>Medical insurance from birth · Self-service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>宝宝出生后，家长放身份证即可为宝宝办理医保参保登记</source>
        <translation>After your baby is born, just place a parent&apos;s ID card here to enrol your baby in medical insurance</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>政务服务 24 小时自助终端</source>
        <translation>24-hour government self-service kiosk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>点击屏幕开始，或直接放身份证、扫描受理回执上的二维码</source>
        <translation>Touch the screen to start, or simply place your ID card or scan the QR code on your acceptance receipt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>开始办理</source>
        <translation>Start</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>长辈版（大字、语音）</source>
        <translation>Senior mode (large text, voice)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>长辈版：字更大、按钮更大、有语音提示</source>
        <translation>Senior mode: larger text, larger buttons and spoken prompts</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>网络暂不可用：仍可查询本机办件、自助申报，材料联网后自动上传。</source>
        <translation>The network is unavailable for now: you can still check cases handled on this kiosk and apply by yourself. Materials are uploaded automatically once the network is back.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>设备编号 %1</source>
        <translation>Device number %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>本机尚未完成设置，暂停服务。请到人工窗口办理。</source>
        <translation>This kiosk is not set up yet and is out of service. Please go to a staffed window.</translation>
    </message>
</context>
<context>
    <name>BundlePage</name>
    <message>
        <location filename="../../window_client/intake/bundle_page.py" line="+82"/>
        <source>选择事项</source>
        <translation>Choose the matter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>输入名称、俗称、全拼、首字母、编码或部门（如 出生登记、上户口、csdj），↓ 选择，回车办理；也可在左侧按人生事件、企业阶段或部门浏览。</source>
        <translation>Type a name, what people call it, full pinyin, initials, a code or a department (e.g. csdj); ↓ selects, Enter takes it. Or browse by life event, enterprise stage or department on the left.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>搜索事项：出生登记 / csdj / 上户口</source>
        <translation>Search matters: name, pinyin, initials (csdj), code</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>搜索事项</source>
        <translation>Search matters</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>个人事项</source>
        <translation>For persons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>企业事项</source>
        <translation>For enterprises</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>浏览事项</source>
        <translation>Browse matters</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>事项目录载入失败：%1</source>
        <translation>The matter catalog could not be loaded: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>人生事件</source>
        <translation>Life events</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>企业阶段</source>
        <translation>Enterprise stages</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>部门</source>
        <translation>Departments</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>正在载入事项目录…</source>
        <translation>Loading the matter catalog…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>找到 %1 项</source>
        <translation>Found: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>没有找到，换个说法试试（俗称、拼音、首字母、编码都可以）</source>
        <translation>Nothing found. Try other words: what people call it, pinyin, initials and codes all work.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1：%2 项</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>全部 %1 项，最近办理的在前</source>
        <translation>All %1, recently used first</translation>
    </message>
    <message>
        <location line="-202"/>
        <source>搜索结果</source>
        <translation>Search results</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>办事指南</source>
        <translation>Service guide</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>查看、打印所选事项的办事指南</source>
        <translation>View and print the selected matter&apos;s service guide</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>办理所选事项</source>
        <translation>Take the selected matter</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>✓ 已选择：%1（%2）</source>
        <translation>✓ Chosen: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>BusyOverlay</name>
    <message>
        <location filename="../../qtkit/widgets/busy.py" line="+40"/>
        <location line="+156"/>
        <source>正在处理</source>
        <translation>Working</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>操作超时，没有完成。请稍后再试；如果一直不成功，请联系工作人员。</source>
        <translation>This took too long and did not finish. Please try again later; if it keeps failing, ask a member of staff.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>正在处理，请稍候…</source>
        <translation>Working, please wait…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消操作</source>
        <translation>Cancel the operation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>知道了</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭提示</source>
        <translation>Close the message</translation>
    </message>
</context>
<context>
    <name>CardAuthorisation</name>
    <message>
        <location filename="../../window_client/intake/card_authorisation.py" line="+60"/>
        <source>值班长确认：继续受理</source>
        <translation>Supervisor&apos;s confirmation: continue the intake</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1
按规定须由值班长确认后才能继续受理。请写明原因（如持有效临时身份证）。</source>
        <translation>%1
The rules require a supervisor to confirm before the intake continues. Give the reason (e.g. a valid temporary ID card).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>确认继续受理</source>
        <translation>Confirm and continue</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>没有完成：程序出错（已记入日志），请联系管理员。</source>
        <translation>Not done: program error (logged), please call the administrator.</translation>
    </message>
</context>
<context>
    <name>CaseActions</name>
    <message>
        <location filename="../../window_client/cases/actions.py" line="+113"/>
        <source>已补齐：%1。办件状态：%2</source>
        <translation>Supplied: %1. Case status: %2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>已记录核查结果：%1，%2。</source>
        <translation>Check recorded: %1, %2.</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>没有可用的小票打印机：请在设备配置中设置打印机。</source>
        <translation>No receipt printer available: set one in the device configuration.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>已补打通知书（注明“补打”）。</source>
        <translation>Notice reprinted (marked “Reprint”).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已打印通知书。</source>
        <translation>Notice printed.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已补打受理回执（回执上注明“补打”）。</source>
        <translation>Acceptance receipt reprinted (marked “reprint” on the receipt).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已打印受理回执。</source>
        <translation>Acceptance receipt printed.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>补打受理回执</source>
        <translation>Reprint acceptance receipt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>该办件的受理回执已打印过。补打的回执会注明“补打”，并记入审计日志。</source>
        <translation>This case&apos;s receipt was printed before. A reprint is marked “reprint” and recorded in the audit log.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>补打</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>撤回办件</source>
        <translation>Withdraw case</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请人撤回后，本办件不再办理，也不能恢复。请写明撤回原因。</source>
        <translation>Once withdrawn, the case is no longer processed and cannot be restored. Please give the reason.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>确认撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>办件已撤回。</source>
        <translation>Case withdrawn.</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>已终止 %n 件容缺材料逾期未补齐的办件。</source>
        <translation>
            <numerusform>Terminated %n case whose missing materials were overdue.</numerusform>
            <numerusform>Terminated %n cases whose missing materials were overdue.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>没有容缺材料逾期未补齐的办件。</source>
        <translation>No case has overdue missing materials.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>终止逾期办件</source>
        <translation>Terminate overdue cases</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>将终止所有容缺材料补齐期限早于今天（%1）仍未补齐的办件。终止后不能恢复。</source>
        <translation>Every case whose missing materials were due before today (%1) and are still missing will be terminated. This cannot be undone.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>确认终止</source>
        <translation>Terminate</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>已解除隔离，办件将在下次同步时重新上传。</source>
        <translation>Quarantine released: the case will be uploaded again at the next sync.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>该办件没有被隔离。</source>
        <translation>This case is not quarantined.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>没有可用的小票打印机。</source>
        <translation>No receipt printer available.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>已重打 %n 份回执。</source>
        <translation>
            <numerusform>Reprinted %n receipt.</numerusform>
            <numerusform>Reprinted %n receipts.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>窗口核验申请人身份</source>
        <translation>Identity check of the applicant at the window</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>请先登录。</source>
        <translation>Please log in first.</translation>
    </message>
    <message>
        <location line="+133"/>
        <source>回执没有打印出来：%1。打印任务已保留，处理好打印机后可重打。</source>
        <translation>The receipt was not printed: %1. The print job is kept; print it again once the printer is fixed.</translation>
    </message>
</context>
<context>
    <name>CaseCard</name>
    <message>
        <location filename="../../kiosk/screens/progress_card.py" line="+60"/>
        <source>%1年%2月%3日</source>
        <translation>%1-%2-%3</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>办件编号：%1</source>
        <translation>Case number: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>统一办件编号：%1</source>
        <translation>Official case number: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>办理状态：%1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>承诺办结：%1前</source>
        <translation>To be completed by %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>状态更新：%1</source>
        <translation>Status updated: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>事项与部门</source>
        <translation>Matter and department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>评价办理结果</source>
        <translation>Rate the result</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>办件：%1，%2</source>
        <translation>Case: %1, %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>本机已受理，尚未上传到政务服务平台；联网后自动上传，部门办理进度届时更新。</source>
        <translation>Accepted on this kiosk but not yet uploaded to the government service platform; it is uploaded automatically once online, and the departments&apos; progress will be updated then.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>政务服务平台暂未返回这个办件的进度，以下是本机最近一次同步时的进度。</source>
        <translation>The government service platform has not returned the progress of this case yet. Below is the progress as of this kiosk&apos;s last sync.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>暂时连不上政务服务平台，以下是本机最近一次同步时的进度。</source>
        <translation>Cannot reach the government service platform right now. Below is the progress as of this kiosk&apos;s last sync.</translation>
    </message>
</context>
<context>
    <name>CaseDeskPanel</name>
    <message>
        <location filename="../../window_client/cases/panel.py" line="+327"/>
        <source>重打未完成的回执</source>
        <translation>Print unfinished receipts</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>扫到的不是通办受理回执的二维码。请扫描回执上的二维码，或输入办件编号。</source>
        <translation>That is not a Tongban receipt QR code. Scan the QR code on the receipt, or type the case number.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>办件编号、证件号码或申请人姓名，按回车查找；也可直接扫描回执二维码</source>
        <translation>Case number, ID number or applicant name, then Enter; or scan the receipt QR code</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>查找办件</source>
        <translation>Find cases</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>终止逾期办件</source>
        <translation>Terminate overdue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>终止容缺逾期的办件</source>
        <translation>Terminate cases with overdue missing materials</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>办件查询</source>
        <translation>Case desk</translation>
    </message>
</context>
<context>
    <name>CaseDetail</name>
    <message>
        <location filename="../../window_client/cases/detail.py" line="+58"/>
        <source>重新上传不会成功，所以不能解除隔离。请为申请人重新受理（将得到新的办件编号和回执），再撤回本件。</source>
        <translation>Uploading again cannot succeed, so the quarantine cannot be released. Take the applicant&apos;s case in again (it gets a new case number and receipt), then withdraw this one.</translation>
    </message>
    <message>
        <location line="+214"/>
        <source>办件编号 %1</source>
        <translation>Case number %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>同步状态：%1</source>
        <translation>Sync state: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>尚未绑定（联网同步后由平台下发）</source>
        <translation>Not yet bound (the platform assigns it after sync)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>结束特别程序</source>
        <translation>End special procedure</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+147"/>
        <source>特别程序</source>
        <translation>Special procedure</translation>
    </message>
    <message>
        <location line="-139"/>
        <source>补打通知书</source>
        <translation>Reprint notice</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打印通知书</source>
        <translation>Print notice</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+135"/>
        <source>补打回执</source>
        <translation>Reprint receipt</translation>
    </message>
    <message>
        <location line="-133"/>
        <source>打印回执</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>备注：
%1</source>
        <translation>Notes:
%1</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>需要值班长确认</source>
        <translation>Needs a supervisor&apos;s confirmation</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>尚未评价</source>
        <translation>Not rated yet</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>有 %1 份没有打印成功：%2</source>
        <translation>%1 not printed: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>本机未打印过</source>
        <translation>Not printed on this device</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>本办件的编号已由另一台设备提交，两台设备用过同一个设备编号</source>
        <translation>Another device already submitted this case number: two devices used the same device number</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>平台拒收了本办件，以后也不会接收（%1）。%2</source>
        <translation>The platform refused this case and never will take it (%1). %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>平台拒收了本办件的记录（%1）。之后的记录暂停上传；按原因处理后，点“解除隔离”重新上传。</source>
        <translation>The platform refused this case&apos;s record (%1). Its later records are held back; deal with the reason, then press “Release quarantine” to upload again.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>平台退回重办：%1（须按目录 %2 重新核验）</source>
        <translation>Sent back by the platform: %1 (re-check against catalog %2)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>在左侧选择一个办件，或扫描受理回执上的二维码。</source>
        <translation>Choose a case on the left, or scan the QR code on an acceptance receipt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../window_client/cases/timeline.py" line="+20"/>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承诺办结</source>
        <translation>Promised by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>受理时间</source>
        <translation>Accepted at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>统一办件编号</source>
        <translation>Official number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>评价</source>
        <translation>Rating</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回执</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>核验完整号码</source>
        <translation>Show full number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>补齐材料</source>
        <translation>Supply materials</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>记录核查</source>
        <translation>Record check</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>差评处置</source>
        <translation>Bad rating follow-up</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>办结评价</source>
        <translation>Rate the result</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>解除隔离</source>
        <translation>Release quarantine</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>办理进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <source>申请材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+5"/>
        <source>办理记录</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+5"/>
        <source>办件详情</source>
        <translation>Case details</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>详情分页</source>
        <translation>Detail tabs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>各部门办理进度</source>
        <translation>Progress at each department</translation>
    </message>
    <message>
        <location filename="../../window_client/cases/timeline.py" line="-1"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+8"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>办理结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>材料</source>
        <translation>Material</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>时间（本机）</source>
        <translation>Time (device)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>记录</source>
        <translation>Event</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上传</source>
        <translation>Upload</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>更新于 %1</source>
        <translation>Updated %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 补齐</source>
        <translation>supplied %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>核查%1：%2</source>
        <translation>Check %1: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>核查 %1</source>
        <translation>Check %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>以部门告知为准</source>
        <translation>as the department notifies</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>属实</source>
        <translation>true</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不实</source>
        <translation>false</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>已上传</source>
        <translation>Uploaded</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>隔离中，暂停上传</source>
        <translation>Quarantined, held back</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待上传</source>
        <translation>Waiting to upload</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>平台于 %1 确认收到</source>
        <translation>The platform confirmed receipt at %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>保存在本机，联网后自动上传</source>
        <translation>Saved on this device; uploaded automatically when online</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>补交：%1</source>
        <translation>Supplied: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+13"/>
        <location line="+9"/>
        <location line="+7"/>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>并联分发至各部门办理</source>
        <translation>Dispatched to all departments in parallel</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>CaseDetailPane</name>
    <message numerus="yes">
        <location filename="../../window_client/cases/detail.py" line="-68"/>
        <source>已打印 %n 次</source>
        <translation>
            <numerusform>Printed %n time</numerusform>
            <numerusform>Printed %n times</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaseDialogs</name>
    <message>
        <location filename="../../window_client/cases/dialogs.py" line="+61"/>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>正在处理…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <location line="+58"/>
        <location line="+13"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>请写明原因（必填）</source>
        <translation>Give the reason (required)</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+19"/>
        <source>值班长工号</source>
        <translation>Supervisor&apos;s staff ID</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>值班长密码</source>
        <translation>Supervisor&apos;s password</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>此操作需要值班长确认：请值班长输入工号和密码。</source>
        <translation>This needs a supervisor&apos;s confirmation: the supervisor enters their staff ID and password.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>补齐容缺材料</source>
        <translation>Supply missing materials</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>勾选申请人本次补交的材料。需要留档的，可选中材料后用高拍仪拍摄。</source>
        <translation>Tick the materials the applicant brought. To keep a copy, select a material and photograph it with the document camera.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>确认补齐</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>容缺待补材料</source>
        <translation>Missing materials</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1（补齐期限 %2）</source>
        <translation>%1 (due %2)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>拍摄选中材料</source>
        <translation>Photograph selected</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>用高拍仪拍摄选中的材料</source>
        <translation>Photograph the selected material with the document camera</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>%1，已拍 %2 页</source>
        <translation>%1, %2 page(s) photographed</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>正在拍摄…</source>
        <translation>Photographing…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>已拍摄一页</source>
        <translation>One page photographed</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>拍摄没有成功：%1</source>
        <translation>Photographing failed: %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>记录告知承诺核查结果</source>
        <translation>Record the check of a commitment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>选择已核查的承诺，记录核查结果。承诺不实的，请写明核查发现的情况。</source>
        <translation>Choose the commitment that was checked and record the outcome. If it was false, say what the check found.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>记录核查结果</source>
        <translation>Record outcome</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>待核查的承诺</source>
        <translation>Commitments to check</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1（核查期限 %2）</source>
        <translation>%1 (check by %2)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>承诺属实</source>
        <translation>The commitment is true</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承诺不实</source>
        <translation>The commitment is false</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <source>核查情况</source>
        <translation>What the check found</translation>
    </message>
</context>
<context>
    <name>CaseFilterBar</name>
    <message>
        <location filename="../../window_client/cases/filters.py" line="+79"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>按%1筛选</source>
        <translation>Filter by %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>不限</source>
        <translation>Any time</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n 天内到期</source>
        <translation>
            <numerusform>Due within %n day</numerusform>
            <numerusform>Due within %n days</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>筛选办件</source>
        <translation>Filter cases</translation>
    </message>
</context>
<context>
    <name>CaseLabels</name>
    <message>
        <location filename="../../window_client/cases/models.py" line="+32"/>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>容缺受理</source>
        <translation>Accepted, materials missing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+17"/>
        <source>已办结</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+17"/>
        <location line="+11"/>
        <source>不予办理</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已终止</source>
        <translation>Terminated</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已告知补正</source>
        <translation>Told to supplement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不予受理</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已同步</source>
        <translation>Synced</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待上传</source>
        <translation>Waiting to upload</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>隔离</source>
        <translation>Quarantined</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>需返工</source>
        <translation>Sent back</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>待分发</source>
        <translation>Not dispatched</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已分发</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>部门办理中</source>
        <translation>At the department</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>未予受理（补正告知或不予受理）</source>
        <translation>Not accepted (told to supplement, or rejected)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>告知承诺核查</source>
        <translation>Check of a commitment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>差评处置（整改、回访、申诉复核）</source>
        <translation>Bad rating follow-up (rectification, visit, appeal review)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>特别程序开始（暂停计时）</source>
        <translation>Special procedure started (clock paused)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>特别程序结束（恢复计时）</source>
        <translation>Special procedure ended (clock running)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>容缺 %1</source>
        <translation>Deferred %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>核查 %1</source>
        <translation>Check %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>整改 %1</source>
        <translation>Rectify %1</translation>
    </message>
    <message>
        <location line="+133"/>
        <source>%1 · 特别程序中</source>
        <translation>%1 · special procedure</translation>
    </message>
    <message>
        <location filename="../../qtkit/labels.py" line="+21"/>
        <source>待收取</source>
        <translation>To collect</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>纸质已收</source>
        <translation>Paper received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已扫描</source>
        <translation>Scanned</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>电子证照免提交</source>
        <translation>E-licence, not needed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>告知承诺</source>
        <translation>Commitment signed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>容缺待补</source>
        <translation>Missing, to supply</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>系统生成</source>
        <translation>Generated</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>非常满意</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>基本满意</source>
        <translation>Fairly satisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>非常不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>居民身份证</source>
        <translation>Resident ID card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>港澳台居民居住证</source>
        <translation>HK/Macao/Taiwan residence permit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>外国人永久居留身份证（2017版）</source>
        <translation>Foreign permanent residence ID card (2017)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>外国人永久居留身份证（2023版）</source>
        <translation>Foreign permanent residence ID card (2023)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>港澳居民来往内地通行证</source>
        <translation>Mainland Travel Permit for HK and Macao Residents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>台湾居民来往大陆通行证</source>
        <translation>Mainland Travel Permit for Taiwan Residents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>外国护照</source>
        <translation>Foreign passport</translation>
    </message>
    <message>
        <location filename="../../window_client/cases/models.py" line="-152"/>
        <source>受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>补齐材料</source>
        <translation>Materials supplied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>好差评</source>
        <translation>Rating</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>终止办理</source>
        <translation>Terminated</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>分发至各部门</source>
        <translation>Dispatched to departments</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>部门办理结果</source>
        <translation>Department result</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办结</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>绑定统一办件编号</source>
        <translation>Official number bound</translation>
    </message>
</context>
<context>
    <name>CaseProcedures</name>
    <message>
        <location filename="../../window_client/cases/procedure_dialog.py" line="+17"/>
        <source>听证</source>
        <translation>Hearing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>招标</source>
        <translation>Tender</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>拍卖</source>
        <translation>Auction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>检验</source>
        <translation>Inspection</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>检测</source>
        <translation>Testing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>检疫</source>
        <translation>Quarantine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>鉴定</source>
        <translation>Appraisal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>专家评审</source>
        <translation>Expert review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公示</source>
        <translation>Public notice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>现场勘查</source>
        <translation>Site survey</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>整个办件</source>
        <translation>whole case</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>特别程序中：%1</source>
        <translation>Special procedure: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1（预计顺延）</source>
        <translation>%1 (expected, extended)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1（已顺延）</source>
        <translation>%1 (extended)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>办结期限顺延至 %1（原承诺 %2，特别程序时间不计入）</source>
        <translation>Due date extended to %1 (promised %2; special procedure time is not counted)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>特别程序 %1（%2）：%3 起，进行中。原因：%4</source>
        <translation>Special procedure %1 (%2): since %3, running. Reason: %4</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>特别程序 %1（%2）：%3 至 %4，不计时 %5 个工作日。原因：%6</source>
        <translation>Special procedure %1 (%2): %3 to %4, %5 working days not counted. Reason: %6</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>启动特别程序</source>
        <translation>Start a special procedure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审等所需时间不计入办理期限（行政许可法第四十五条），应将所需时间书面告知申请人。</source>
        <translation>Time needed for a hearing, tender, auction, inspection, testing, quarantine, appraisal or expert review is not counted in the time limit (Administrative Licensing Law, art. 45); tell the applicant in writing how long it will take.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>启动，暂停计时</source>
        <translation>Start and pause the clock</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>暂不确定</source>
        <translation>Not known yet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> 个工作日</source>
        <translation> working days</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>程序</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预计所需时间</source>
        <translation>Expected time</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>结束特别程序</source>
        <translation>End the special procedure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>特别程序今天结束，恢复计时；办结期限按所用工作日顺延。</source>
        <translation>The special procedure ends today and the clock runs again; the due date moves on by the working days it took.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>结束，恢复计时</source>
        <translation>End and restart the clock</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1（%2，%3 起）</source>
        <translation>%1 (%2, since %3)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>结果（如：公示无异议）</source>
        <translation>Result (e.g. no objection to the public notice)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>特别程序</source>
        <translation>Special procedure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
</context>
<context>
    <name>CaseResultsView</name>
    <message>
        <location filename="../../window_client/cases/results.py" line="+48"/>
        <source>正在查找…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>本机没有这个编号的办件。本机只能查到在本机受理、或已从平台同步到本机的办件。</source>
        <translation>No case with this number on this device. Only cases accepted here or synced down from the platform can be found.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>没有符合筛选条件的办件。</source>
        <translation>No case matches the filters.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有找到办件。姓名须完整输入；也可输入办件编号或证件号码。</source>
        <translation>No case found. Type the full name, or a case or ID number.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>共 %n 件</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（只列出最新的部分，请缩小查找范围）</source>
        <translation> (only the newest are listed: narrow the search)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>办件列表</source>
        <translation>Case list</translation>
    </message>
</context>
<context>
    <name>CaseStatus</name>
    <message>
        <location filename="../../kiosk/screens/progress_card.py" line="-165"/>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>容缺受理（有材料待补齐）</source>
        <translation>Accepted (some materials still to be handed in)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已办结</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不予办理</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已终止</source>
        <translation>Terminated</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未受理：材料需补正（已一次性告知）</source>
        <translation>Not accepted: materials to supplement (all told at once)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>不予受理</source>
        <translation>Not accepted</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <location filename="../../window_client/cases/models.py" line="+70"/>
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>受理时间</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message numerus="yes">
        <location line="+88"/>
        <source>已逾期 %n 天</source>
        <translation>
            <numerusform>%n day overdue</numerusform>
            <numerusform>%n days overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>还剩 %n 天</source>
        <translation>
            <numerusform>%n day left</numerusform>
            <numerusform>%n days left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CertificateScreen</name>
    <message>
        <location filename="../../kiosk/screens/certificate.py" line="+127"/>
        <source>本机可以打印以下证明，请点选：</source>
        <translation>This kiosk can print the following certificates. Please choose one:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>证明上会写明用途。请选择：</source>
        <translation>The certificate states what it is for. Please choose:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>请核对证明内容，确认无误后点“打印”。</source>
        <translation>Please check the certificate, and press “Print” if everything is correct.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>屏幕上的证件号码部分隐藏，打印出的证明上是完整号码。</source>
        <translation>The ID number is partly hidden on the screen; the printed certificate shows the full number.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>打印（A4纸）</source>
        <translation>Print (A4 paper)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>用小票打印</source>
        <translation>Print on receipt paper</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>证明已打印，请从出纸口取走。</source>
        <translation>The certificate has been printed. Please take it from the paper outlet.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>完成，去评价</source>
        <translation>Done, rate the service</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>证明需要联网开具，请联网后再来或到窗口办理。</source>
        <translation>Certificates can only be issued online. Please come back when the kiosk is online, or go to a staff window.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>证明打印：选择证明</source>
        <translation>Print a certificate: choose the certificate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证明打印：选择用途</source>
        <translation>Print a certificate: choose the purpose</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证明打印：核对内容</source>
        <translation>Print a certificate: check the details</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证明打印：请取走证明</source>
        <translation>Print a certificate: please take your certificate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证明打印</source>
        <translation>Print a certificate</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>正在向政务服务平台申请开具证明…</source>
        <translation>Requesting the certificate from the government service platform…</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>证明需要联网开具，本机现在连不上政务服务平台。请稍后再点一次用途重试，或到人工窗口办理。</source>
        <translation>Certificates can only be issued online, and this kiosk cannot reach the government service platform right now. Please press the purpose again later to retry, or go to a staff window.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 如有疑问，请到人工窗口办理。</source>
        <translation>%1 If you have any questions, please go to a staff window.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>政务服务平台没有及时回应。请再点一次用途重试（不会重复开具），或到人工窗口办理。</source>
        <translation>The government service platform did not respond in time. Please press the purpose again to retry (the certificate will not be issued twice), or go to a staff window.</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+38"/>
        <source>正在打印证明，请稍候…</source>
        <translation>Printing the certificate, please wait…</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>打印机没有完成打印</source>
        <translation>the printer did not finish printing</translation>
    </message>
    <message>
        <location line="-28"/>
        <location line="+38"/>
        <source>打印机没有回应</source>
        <translation>the printer did not respond</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>打印机出现故障</source>
        <translation>the printer has a fault</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>重新打印（A4纸）</source>
        <translation>Print again (A4 paper)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>改用小票打印</source>
        <translation>Print on receipt paper instead</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>打印没有成功：%1。证明还没有开具，请点“重新打印”再试（不会重复开具），或到人工窗口办理。</source>
        <translation>Printing failed: %1. The certificate has not been issued yet. Please press “Print again” to retry (it will not be issued twice), or go to a staff window.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>证明：%1
验证码：%2（可在政务服务平台核验）</source>
        <translation>Certificate: %1
Verification code: %2 (can be checked on the government service platform)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>已在政务服务平台登记开具。</source>
        <translation>The issue has been registered on the government service platform.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>证明已打印成功，可以正常使用。开具登记暂未完成，本机已记录，工作人员会处理。</source>
        <translation>The certificate has been printed and can be used as normal. Registering its issue is not finished yet; this kiosk has recorded it and staff will take care of it.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>证明已打印成功，可以正常使用。本机正在向政务服务平台登记，稍后自动完成。</source>
        <translation>The certificate has been printed and can be used as normal. This kiosk is registering it with the government service platform; this will finish automatically shortly.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/certificate_parts.py" line="+151"/>
        <source>无犯罪记录证明</source>
        <translation>Certificate of no criminal record</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>就业</source>
        <translation>Employment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>入学</source>
        <translation>School enrolment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出国（境）</source>
        <translation>Going abroad (or outside the mainland)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>ChecklistPage</name>
    <message>
        <location filename="../../window_client/intake/checklist_page.py" line="+42"/>
        <source>材料清单</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按清单逐项收取：每份材料只收一次。按钮只给出本材料允许的方式；核心材料不能容缺。</source>
        <translation>Collect item by item: each material once. The buttons offer only what the catalog allows for it; core materials cannot be deferred.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>已处理 %1/%2 项材料</source>
        <translation>%1 of %2 materials handled</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>，其中容缺 %1 项（受理后打印容缺受理通知书）</source>
        <translation>; %1 deferred (a deferred-acceptance notice prints on acceptance)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>信用核查：有失信记录，不适用告知承诺和容缺受理，须提交全部材料。</source>
        <translation>Credit check: listed as dishonest. Neither commitments nor deferred materials may be used; every material must be handed in.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>信用核查：无失信记录。</source>
        <translation>Credit check: no record of dishonesty.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>信用核查：未核验（需联网）。适用告知承诺或容缺受理前，请按规定核实申请人信用。</source>
        <translation>Credit check: not done (needs the platform). Before accepting a commitment or a deferred material, verify the applicant&apos;s credit as the rules require.</translation>
    </message>
    <message>
        <location line="+11"/>
        <location filename="../../window_client/intake/material_row.py" line="+121"/>
        <source>需联网</source>
        <translation>needs network</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>正在拍摄，请保持材料平整…</source>
        <translation>Capturing — keep the page flat…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>没有找到纸张边缘，已保存整幅画面：请核对扫描件是否清晰完整。</source>
        <translation>No page edge found; the whole picture was kept: check that the scan is clear and complete.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>高拍仪没有拍到：%1</source>
        <translation>The document camera did not capture: %1</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>正在向省级平台查询电子证照…</source>
        <translation>Looking up the e-licence on the provincial platform…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>平台上没有查到“%1”的电子证照：请收取纸质材料或用高拍仪扫描。</source>
        <translation>The platform has no e-licence for “%1”: take the paper or scan it.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>电子证照查询没有成功（%1）。电子证照需要联网：请收取纸质材料或扫描。</source>
        <translation>The e-licence look-up failed (%1). E-licences need the network: take the paper or scan it.</translation>
    </message>
</context>
<context>
    <name>CitizenScreen</name>
    <message>
        <location filename="../../window_client/dialogs/citizen.py" line="+44"/>
        <source>请核对后签名确认</source>
        <translation>Please check and sign</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>清除重签</source>
        <translation>Clear and sign again</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>确认签名</source>
        <translation>Confirm signature</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>请您对本次服务作出评价</source>
        <translation>Please rate our service today</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>请告诉我们哪里做得不好，我们会回访整改：</source>
        <translation>Please tell us what went wrong; we will follow up:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>请写下具体情况</source>
        <translation>Please describe what happened</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>提交评价</source>
        <translation>Submit rating</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>感谢您的评价！</source>
        <translation>Thank you for your rating!</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>办事群众评价屏</source>
        <translation>Citizen screen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>欢迎您！</source>
        <translation>Welcome!</translation>
    </message>
    <message>
        <location filename="../../window_client/intake/citizen_display.py" line="+44"/>
        <source>申请人签名</source>
        <translation>Applicant&apos;s signature</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>服务评价</source>
        <translation>Rate the service</translation>
    </message>
</context>
<context>
    <name>CommitmentDialog</name>
    <message>
        <location filename="../../window_client/dialogs/commitment.py" line="+23"/>
        <source>申请人作出不实承诺的，行政机关将依法终止办理、责令限期整改、撤销行政决定或者予以行政处罚，并将不实承诺信息纳入信用记录。</source>
        <translation>If the applicant&apos;s commitment is false, the authority will, as the law provides, stop processing, order correction within a time limit, revoke its decision or impose a penalty, and enter the false commitment in the credit records.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>受理部门将通过数据共享、部门核验、网络核验或现场核查等方式核实承诺内容。</source>
        <translation>The accepting department will verify the commitment through data sharing, checks with other departments, online verification or on-site inspection.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 前</source>
        <translation>by %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>以部门告知为准</source>
        <translation>as the department notifies</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>核查：%1</source>
        <translation>Check: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>核查期限：%1</source>
        <translation>Check deadline: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>告知承诺</source>
        <translation>Commitment</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>以告知承诺代替：%1</source>
        <translation>Commitment instead of: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>承诺书内容</source>
        <translation>Text of the commitment</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请向申请人宣读承诺内容。申请人同意后在下方签名；承诺不实的，将依法承担责任。</source>
        <translation>Read the commitment to the applicant. If they agree, they sign below; a false commitment has legal consequences.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>清除重签</source>
        <translation>Clear and sign again</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>确认承诺</source>
        <translation>Confirm commitment</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>CountdownOverlay</name>
    <message>
        <location filename="../../kiosk/countdown.py" line="+76"/>
        <source>还剩 %1 秒</source>
        <translation>Seconds left: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>您还在办理吗？</source>
        <translation>Are you still there?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>时间到后本次办理自动结束，屏幕上的个人信息会全部清除。</source>
        <translation>When the time runs out, your session ends automatically and all personal information on the screen is cleared.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>继续办理</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结束办理</source>
        <translation>End session</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>即将自动结束办理</source>
        <translation>Your session will end automatically soon</translation>
    </message>
</context>
<context>
    <name>DatePicker</name>
    <message>
        <location filename="../../kiosk/keypad.py" line="+32"/>
        <source>%1年%2月%3日</source>
        <translation>%1-%2-%3</translation>
    </message>
    <message>
        <location line="+180"/>
        <source>‹ 前一天</source>
        <translation>‹ Previous day</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>后一天 ›</source>
        <translation>Next day ›</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>‹ 前一个月</source>
        <translation>‹ Previous month</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>后一个月 ›</source>
        <translation>Next month ›</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>‹ 前一年</source>
        <translation>‹ Previous year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>后一年 ›</source>
        <translation>Next year ›</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>星期一</source>
        <translation>Monday</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>星期二</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>星期三</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>星期四</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>星期五</source>
        <translation>Friday</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>星期六</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>星期日</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1年%2月%3日 %4</source>
        <translation>%1-%2-%3, %4</translation>
    </message>
</context>
<context>
    <name>DeclareScreen</name>
    <message>
        <location filename="../../kiosk/screens/declare.py" line="+51"/>
        <source>自助申报</source>
        <translation>Self-service application</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>请选择要办理的事项</source>
        <translation>Please choose what you want to apply for</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>以下事项可以在本机自助申报；材料用电子证照或现场拍照，不用交纸质材料。</source>
        <translation>You can apply for the following on this kiosk by yourself. Materials come from your e-licences or are photographed here, so you don&apos;t need to hand in paper.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>可以选多项，选好后点“选好了”。</source>
        <translation>You can choose more than one. When you are done, press “Done choosing”.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>这件事请到人工窗口办理</source>
        <translation>Please go to a staff window for this</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>返回首页</source>
        <translation>Back to the home screen</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>请核对后提交</source>
        <translation>Please check and submit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>确认无误，提交申请</source>
        <translation>All correct, submit the application</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>正在保存您的申请…</source>
        <translation>Saving your application…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>申请没有保存成功。请不要重复提交：请点“结束办理”后在“办件进度查询”中查看，或到人工窗口咨询。</source>
        <translation>Your application could not be saved. Please do not submit it again: press “End session”, then look it up under “Check case progress”, or ask at a staff window.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>正在打印回执…</source>
        <translation>Printing your receipt…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>回执已打印，请从出纸口取走并妥善保管。</source>
        <translation>Your receipt has been printed. Please take it from the paper outlet and keep it safe.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>✓ 已受理（容缺）</source>
        <translation>✓ Accepted (with deferred materials)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✓ 已受理</source>
        <translation>✓ Accepted</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/declare_pages.py" line="+61"/>
        <source>选好了，下一步</source>
        <translation>Done choosing, next</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>点这里，用屏幕键盘输入</source>
        <translation>Tap here to type with the on-screen keyboard</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>拍摄的材料照片</source>
        <translation>Photos of your materials</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+2"/>
        <source>拍照</source>
        <translation>Take photo</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>已拍 %1 页。还有下一页请再点“拍照”。</source>
        <translation>%1 page(s) photographed. If there is another page, press “Take photo” again.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>再拍一页</source>
        <translation>Photograph another page</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>（还没有拍照）</source>
        <translation>(no photo yet)</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/declare_steps.py" line="+142"/>
        <source>正在从政务服务平台调取您的电子证照…</source>
        <translation>Fetching your e-licences from the government service platform…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>正在向政务服务平台核验…</source>
        <translation>Checking with the government service platform…</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>暂时没有这份材料：到人工窗口申请容缺受理</source>
        <translation>I don&apos;t have it now: ask for deferred submission at a staffed window</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>签署告知承诺，代替这份材料</source>
        <translation>Sign a commitment in lieu of proof instead of this material</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不办了，到人工窗口办理</source>
        <translation>Stop here and go to a staff window</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请拍摄：%1</source>
        <translation>Please photograph: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>把材料平放在拍摄区，对准后点“拍照”。%1</source>
        <translation>Lay the material flat in the photo area, line it up, then press “Take photo”. %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>清除重拍</source>
        <translation>Clear and retake</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>请把%1放在读卡区</source>
        <translation>Please place %1 on the card reader</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>把这张居民身份证平放在屏幕下方的读卡区，听到“嘀”声后稍等。</source>
        <translation>Lay this resident ID card flat on the card reader below the screen, and wait a moment after you hear a “beep”.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已读取，下一步</source>
        <translation>Card read, next</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本机无法调取或拍摄这份材料。</source>
        <translation>This kiosk cannot fetch or photograph this material.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>告知承诺：%1</source>
        <translation>Commitment in lieu of proof: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>我已阅读，承诺以上内容属实</source>
        <translation>I have read this and promise that the above is true</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不承诺，返回</source>
        <translation>Don&apos;t sign, go back</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>正在拍照，请不要移动材料…</source>
        <translation>Taking the photo, please don&apos;t move the material…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>没有找到材料的边缘。请看照片是否清楚完整；不清楚请点“清除重拍”。</source>
        <translation>The edges of the material were not found. Please check that the photo is clear and complete; if it is not, press “Clear and retake”.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>拍照没有成功，请把材料放平后再点“拍照”；仍不成功请到人工窗口办理。</source>
        <translation>The photo did not work. Please lay the material flat and press “Take photo” again; if it still does not work, please go to a staff window.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>这是您本人的身份证。请放%1。</source>
        <translation>This is your own ID card. Please place %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>这张身份证与“%1”不符，请核对后再放。</source>
        <translation>This ID card does not match “%1”. Please check and place the right card.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>用屏幕键盘输入。</source>
        <translation>Type with the on-screen keyboard.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/declare_summary.py" line="+27"/>
        <source>事项：%1</source>
        <translation>Matter: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>申请人：%1（%2）</source>
        <translation>Applicant: %1 (%2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>同时办理：</source>
        <translation>Handled at the same time:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  · %1（%2）</source>
        <translation>  · %1 (%2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>您的情况：</source>
        <translation>Your situation:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>  · %1 %2</source>
        <translation>  · %1 %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>申请材料：</source>
        <translation>Materials:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1，请在 %2 前补交</source>
        <translation>%1, please hand in by %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+12"/>
        <source>  · %1：%2</source>
        <translation>  · %1: %2</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>填写的信息：</source>
        <translation>Details you entered:</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>还需补交以下材料（已打印《容缺受理通知书》）：</source>
        <translation>You still need to hand in the following materials (a “Deferred-acceptance notice” has been printed):</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>以下材料本机无法获取：</source>
        <translation>This kiosk cannot obtain these materials:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>其中“%1”可以到人工窗口申请容缺受理。
容缺由工作人员认定：先受理，您签署承诺书并在期限内补交。自助终端不能认定容缺。</source>
        <translation>For “%1” you may ask for deferred submission at a staffed window.
Staff decide on a deferral: the application is accepted first, you sign a commitment and hand the material in by the deadline. The kiosk cannot approve a deferral.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>承诺办结：以部门告知为准</source>
        <translation>Promised completion: as the department will tell you</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承诺办结：%1 前</source>
        <translation>To be completed by %1</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>办件编号：%1</source>
        <translation>Case number: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>  · %1：%2 前到任一综合窗口补交</source>
        <translation>  · %1: hand in at any comprehensive window by %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>逾期未补齐的，本次申请将终止办理。</source>
        <translation>If they are not handed in on time, this application will be terminated.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>申请正在提交政务服务平台，各部门同时办理。</source>
        <translation>Your application is being submitted to the government service platform; the departments will handle it at the same time.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>本机暂时连不上政务服务平台：申请已保存在本机，联网后自动提交，办理时限从提交时起算。</source>
        <translation>This kiosk cannot reach the government service platform right now: your application is saved on this kiosk and will be submitted automatically once online. The time limit for processing counts from submission.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>凭回执上的二维码可随时查询办理进度。</source>
        <translation>Use the QR code on the receipt to check the progress at any time.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>  · %1</source>
        <translation>  · %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>本机暂时连不上政务服务平台，电子证照调取不到。可以稍后联网时再来办理。</source>
        <translation>This kiosk cannot reach the government service platform right now, so your e-licences cannot be fetched. You can come back later when it is online.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>请带上这些材料的原件到人工综合窗口办理。本次没有提交任何申请。</source>
        <translation>Please bring the originals of these materials to a comprehensive staff window. No application has been submitted this time.</translation>
    </message>
</context>
<context>
    <name>DeficiencyDialog</name>
    <message>
        <location filename="../../window_client/dialogs/deficiency.py" line="+42"/>
        <source>容缺受理</source>
        <translation>Accept with a deferred material</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>容缺：%1</source>
        <translation>Deferred: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>申请人须在期限内补齐此材料，最晚 %1（不超过相关事项的承诺办结时限）。受理后打印《容缺受理通知书》交申请人。</source>
        <translation>The applicant must supply this material by %1 at the latest (within the promised time of the matters that need it). A deferred-acceptance notice prints on acceptance.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>如：银行卡正在补办</source>
        <translation>e.g. the bank card is being replaced</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>补齐期限</source>
        <translation>Supply by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>说明（选填）</source>
        <translation>Note (optional)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>确认容缺</source>
        <translation>Confirm deferral</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>DeviceBridge</name>
    <message>
        <location filename="../../qtkit/bridge.py" line="+231"/>
        <source>高拍仪未配置</source>
        <translation>No document camera is configured</translation>
    </message>
</context>
<context>
    <name>DeviceStatusWidget</name>
    <message>
        <location filename="../../qtkit/message_texts.py" line="+426"/>
        <source>身份证阅读器</source>
        <translation>ID card reader</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>小票打印机</source>
        <translation>Receipt printer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>扫码枪</source>
        <translation>Code scanner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>高拍仪</source>
        <translation>Document camera</translation>
    </message>
    <message>
        <location filename="../../qtkit/widgets/device_status.py" line="+112"/>
        <source>正常</source>
        <translation>working</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>故障</source>
        <translation>fault</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未配置</source>
        <translation>not configured</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>等待检测</source>
        <translation>waiting for a check</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1，%2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1。按下打开测试面板</source>
        <translation>%1. Press to open the test panel</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>外设状态</source>
        <translation>Device status</translation>
    </message>
</context>
<context>
    <name>DeviceTestDialog</name>
    <message>
        <location filename="../../window_client/dialogs/device_test.py" line="+56"/>
        <source>外设测试：%1</source>
        <translation>Device test: %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>设备地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>测试</source>
        <translation>Test</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>测试%1</source>
        <translation>Test the %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>实际测试</source>
        <translation>Live test</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭测试面板</source>
        <translation>Close the test panel</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>测试结果</source>
        <translation>Test result</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>把身份证放在阅读器上：读到的证件显示在下面（部分信息已隐藏）。</source>
        <translation>Place an ID card on the reader: the card read is shown below (partly masked).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>用扫码枪扫任意条码或二维码：扫到的内容显示在下面。</source>
        <translation>Scan any barcode or QR code with the scanner: what it read is shown below.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>打印一张测试页：中文、生僻字、二维码和条码都应清楚。</source>
        <translation>Print a test page: Chinese text, rare characters, the QR code and the barcode should all be clear.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>打印测试页</source>
        <translation>Print test page</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>放一页材料在高拍仪下，拍一张看看是否清楚、摆正。</source>
        <translation>Put a page under the document camera and take a picture to check it is sharp and straight.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>拍摄一页</source>
        <translation>Capture a page</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>读到证件：%1&#x3000;%2（%3）</source>
        <translation>Card read: %1  %2 (%3)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>键盘模式</source>
        <translation>keyboard mode</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>通办受理回执</source>
        <translation>Tongban receipt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>出生医学证明编号</source>
        <translation>birth certificate number</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>其他条码</source>
        <translation>other code</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>扫到（%1，%2）：%3</source>
        <translation>Scanned (%1, %2): %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>小票打印机未配置或还没有就绪。</source>
        <translation>The receipt printer is not configured or not ready yet.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>测试页已打印（%1 字节）。</source>
        <translation>Test page printed (%1 bytes).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>正在拍摄…</source>
        <translation>Photographing…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>已拍摄 %1×%2。</source>
        <translation>Photographed %1×%2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>没有找到纸张边缘，请把材料放正、放在画面中间。</source>
        <translation>No page edge found: place the page straight, in the middle of the picture.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>没有成功：%1</source>
        <translation>Failed: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>正在检测…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>检测没有完成：%1</source>
        <translation>The check did not complete: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1（%2 检测）</source>
        <translation>%1 (checked %2)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>等待检测</source>
        <translation>Waiting for a check</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>未配置</source>
        <translation>Not configured</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>正常</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>故障</source>
        <translation>Fault</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1，%2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>未配置（在设备配置文件的 [devices] 中设置）</source>
        <translation>Not configured (set it in [devices] of the device configuration)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>模拟器（%1）</source>
        <translation>Simulator (%1)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>设备地址：%1</source>
        <translation>Address: %1</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../window_client/intake/done_page.py" line="+35"/>
        <location line="+69"/>
        <source>受理完成</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>办件编号（请告知申请人，凭回执查询进度）</source>
        <translation>Case number (tell the applicant; the receipt tracks progress)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>交给申请人</source>
        <translation>For the applicant</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>重新打印</source>
        <translation>Print again</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+26"/>
        <source>各部门办理进度</source>
        <translation>Departments&apos; progress</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>开始新的受理（Ctrl+N）</source>
        <translation>New intake (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>办件编号 %1</source>
        <translation>Case number %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 · %2 · 承诺办结：%3</source>
        <translation>%1 · %2 · promised completion: %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>；容缺材料须于 %1 前补齐</source>
        <translation>; deferred materials due by %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>已上传省级平台，统一办件编号 %1</source>
        <translation>On the provincial platform, official number %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>本机未接入省级平台：办件保存在本机。</source>
        <translation>This device is not enrolled with a platform: the case is kept here.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已保存在本机；联网时自动上传省级平台（离线受理同样有效）。</source>
        <translation>Saved on this device; uploaded to the provincial platform when online (an offline acceptance is just as valid).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>评价：%1</source>
        <translation>Rating: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>（差评，已转回访整改）</source>
        <translation> (bad rating: passed on for follow-up)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>未予受理</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>记录已保存在本机，联网时上传省级平台；不分发到部门。</source>
        <translation>The record is saved on this device and uploaded to the provincial platform when online; it is not sent to any department.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>须补正的材料（一次性告知）</source>
        <translation>Materials to supplement (told all at once)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>缺少此项材料</source>
        <translation>This material is missing</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不予受理的理由</source>
        <translation>Reason for not accepting</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>救济途径</source>
        <translation>Remedies</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>60 日内可申请行政复议，6 个月内可提起行政诉讼（已印在通知书上）</source>
        <translation>Administrative reconsideration within 60 days, or a lawsuit within 6 months (printed on the notice)</translation>
    </message>
</context>
<context>
    <name>EntryTableModel</name>
    <message>
        <location filename="../../window_client/intake/entry_table.py" line="+27"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项类型</source>
        <translation>Matter type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>一件事</source>
        <translation>One-thing bundle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>单项事项</source>
        <translation>Single matter</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>实施编码：</source>
        <translation>Implementation code: </translation>
    </message>
</context>
<context>
    <name>FormPage</name>
    <message>
        <location filename="../../window_client/intake/form_page.py" line="+31"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>孩子</source>
        <translation>Child</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>母亲</source>
        <translation>Mother</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>父亲</source>
        <translation>Father</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>户口</source>
        <translation>Household registration</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>居住地</source>
        <translation>Residence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件邮寄</source>
        <translation>Mailing of documents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>银行账户</source>
        <translation>Bank account</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>代理人</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>其他信息</source>
        <translation>Other details</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>请选择</source>
        <translation>Choose</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>修改</source>
        <translation>Change</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>填写表单</source>
        <translation>Form</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>多表合一：各部门需要的信息只填一次。带 * 的必填；来自身份证和以往办件的信息已预先填好，请核对。</source>
        <translation>One form for all departments: each detail once. * marks required fields; details from the ID card and earlier cases are filled in — check them.</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>来自身份证</source>
        <translation>From the ID card</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>来自以往办件，请核对</source>
        <translation>From an earlier case — please check</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <location filename="../../window_client/dialogs/guide.py" line="+56"/>
        <source>办事指南</source>
        <translation>Service guide</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+82"/>
        <source>查找事项：名称、俗称、拼音首字母或编码（如 csdj），回车打开第一项</source>
        <translation>Find a matter: name, common term, pinyin initials or code (e.g. csdj); Enter opens the selected one</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>查找事项</source>
        <translation>Find a matter</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>查找结果</source>
        <translation>Results</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>在上面输入事项名称或拼音首字母，查看并打印办事指南。</source>
        <translation>Type a matter&apos;s name or pinyin initials above to read and print its guide.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>打印（小票）</source>
        <translation>Print (receipt)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>在小票打印机上打印办事指南，交给办事群众</source>
        <translation>Print the service guide on the receipt printer for the citizen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>正在载入事项目录…</source>
        <translation>Loading the service catalog…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>办事指南 · %1</source>
        <translation>Service guide · %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>事项目录载入失败：%1</source>
        <translation>The service catalog could not be loaded: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>没有找到，换个说法试试（俗称、拼音、首字母、编码都可以）</source>
        <translation>Nothing found; try other words (common terms, pinyin, initials or codes all work)</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>办事指南已打印，请交给办事群众。</source>
        <translation>The service guide was printed: hand it to the citizen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>没有打印出来：%1</source>
        <translation>Not printed: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>“一件事”</source>
        <translation>Bundle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>单项事项</source>
        <translation>Single matter</translation>
    </message>
</context>
<context>
    <name>GuideScreen</name>
    <message>
        <location filename="../../kiosk/screens/guide.py" line="+62"/>
        <source>办事指南</source>
        <translation>Service guide</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>个人办事</source>
        <translation>For persons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>企业办事</source>
        <translation>For businesses</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>拼音首字母查找</source>
        <translation>Find by pinyin letters</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>查找结果</source>
        <translation>Results</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>拼音字母键盘</source>
        <translation>Pinyin letter keypad</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>▲ 上一页</source>
        <translation>▲ Page up</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>▼ 下一页</source>
        <translation>▼ Page down</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>打印办事指南</source>
        <translation>Print the guide</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>正在载入事项目录…</source>
        <translation>Loading the service catalog…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>请选择要查的事情，或点拼音首字母查找。</source>
        <translation>Choose what you want to look up, or tap the pinyin initials.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>事项目录暂时无法查询，请到人工窗口咨询。</source>
        <translation>The service catalog cannot be searched just now. Please ask at a staffed window.</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+56"/>
        <source>点拼音首字母，如“出生登记”点 C S D J；也可以拼全拼。</source>
        <translation>Tap the pinyin initials, e.g. C S D J for 出生登记 (birth registration); full pinyin works too.</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>您要办的事情属于哪一类？</source>
        <translation>What is your matter about?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>企业处在哪个阶段？</source>
        <translation>Which stage is the business at?</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>“%1”共 %2 项，点一项查看办事指南。</source>
        <translation>“%1”: %2 matters. Tap one to read its guide.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>找到 %1 项，点一项查看办事指南。</source>
        <translation>Found %1. Tap one to read its guide.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>没有找到，请少点一个字母再试，或按类别查找。</source>
        <translation>Nothing found. Remove a letter and try again, or look by category.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“一件事”</source>
        <translation>Bundle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>单项事项</source>
        <translation>Single matter</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>可以打印带走；点“返回”看其他事项。</source>
        <translation>Print it to take with you, or tap “Back” for other matters.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>正在打印办事指南，请稍候…</source>
        <translation>Printing the guide, please wait…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>打印机没有回应</source>
        <translation>the printer did not answer</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>办事指南已打印，请在出纸口取走。</source>
        <translation>The guide was printed. Please take it from the paper slot.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>打印机出现故障</source>
        <translation>the printer has a fault</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>办事指南没有打印出来：%1。您可以拍照记下，或到人工窗口咨询。</source>
        <translation>The guide was not printed: %1. You can take a photo of the screen, or ask at a staffed window.</translation>
    </message>
</context>
<context>
    <name>GuideView</name>
    <message>
        <location filename="../../qtkit/guide_view.py" line="+45"/>
        <source>未注明</source>
        <translation>not stated</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>未公布</source>
        <translation>not published</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>个人</source>
        <translation>Persons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>法人</source>
        <translation>Legal entities</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>个人、法人</source>
        <translation>Persons and legal entities</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>即办件</source>
        <translation>Done on the spot</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>形式未注明</source>
        <translation>form not stated</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 份</source>
        <translation>%1 copies</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>份数未注明</source>
        <translation>number of copies not stated</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>行政许可</source>
        <translation>Administrative licence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>行政确认</source>
        <translation>Administrative confirmation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>行政给付</source>
        <translation>Administrative payment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>行政裁决</source>
        <translation>Administrative adjudication</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>行政奖励</source>
        <translation>Administrative reward</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>行政征收</source>
        <translation>Administrative levy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>行政检查</source>
        <translation>Administrative inspection</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>行政备案</source>
        <translation>Administrative filing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>其他行政权力</source>
        <translation>Other administrative power</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公共服务</source>
        <translation>Public service</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>1 份</source>
        <translation>1 copy</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>共享获取，免提交</source>
        <translation>obtained by data sharing, not to be brought</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>窗口生成，无需准备</source>
        <translation>produced at the window, nothing to prepare</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>可用电子证照（%1）</source>
        <translation>e-licence accepted (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>由%1共享</source>
        <translation>shared by %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>核心材料</source>
        <translation>core material</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>可容缺</source>
        <translation>may be supplied later</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>可告知承诺</source>
        <translation>a signed commitment may replace it</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>视情形提交</source>
        <translation>only in some situations</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>（演示用构造编码，非公布编码）</source>
        <translation>(constructed for the demo, not a published code)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>实施编码</source>
        <translation>Implementation code</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>基本编码</source>
        <translation>Basic code</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>业务办理项</source>
        <translation>Handling item</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>事项类型</source>
        <translation>Matter type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>实施部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>实施机构</source>
        <translation>Implementing body</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>法定办结时限</source>
        <translation>Statutory time limit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承诺办结时限</source>
        <translation>Promised time limit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>收费</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 次</source>
        <translation>%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>通办范围</source>
        <translation>Where it can be handled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>到办事现场次数</source>
        <translation>Visits in person</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>“一件事”（多个事项一次办）</source>
        <translation>Bundle (several matters done at once)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>单项事项</source>
        <translation>Single matter</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>服务对象</source>
        <translation>Who may apply</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>国家批次</source>
        <translation>National batch</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>受理条件</source>
        <translation>Conditions of acceptance</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>包含事项（%1 项，并联办理）</source>
        <translation>Matters included (%1, handled in parallel)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>视情形办理</source>
        <translation>only in some situations</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>未公布（有事项未公布办结时限，以部门告知为准）</source>
        <translation>not published (a matter publishes no time limit; the department will say)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>最长 %1（按所办事项中最长的时限计）</source>
        <translation>at most %1 (the longest limit of the matters done)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>办结时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>申请材料（一次提交）</source>
        <translation>Application materials (submitted once)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>申请材料</source>
        <translation>Application materials</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>办理时需说明的情形</source>
        <translation>Situations you will be asked about</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>信息来源</source>
        <translation>Sources</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未注明（本事项记录未列出公开来源）</source>
        <translation>not stated (the record lists no public source)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>目录备注（来源未说明之处）</source>
        <translation>Catalog notes (what the sources did not say)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>事项目录版本 %1。以办理部门最新公布为准。</source>
        <translation>Service catalog version %1. The department&apos;s latest published guide prevails.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>办事指南</source>
        <translation>Service guide</translation>
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <location filename="../../kiosk/screens/identify.py" line="+31"/>
        <source>请核验身份</source>
        <translation>Please verify your identity</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>① 把居民身份证平放在屏幕下方的读卡区，听到“嘀”声后稍等。</source>
        <translation>① Lay your resident ID card flat on the card reader below the screen, and wait a moment after you hear a “beep”.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>办理“%1”前，请先核验身份。</source>
        <translation>Please verify your identity before using “%1”.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请先核验身份。</source>
        <translation>Please verify your identity first.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>② 或把受理回执上的二维码、电子社保卡二维码对准扫码口。</source>
        <translation>② Or hold the QR code on your acceptance receipt, or the QR code of your electronic social security card, up to the scanner.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>② 或把电子社保卡二维码对准扫码口。</source>
        <translation>② Or hold the QR code of your electronic social security card up to the scanner.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>本机暂时连不上政务服务平台：电子社保卡码暂不能使用，请用身份证。</source>
        <translation>This kiosk cannot reach the government service platform right now: electronic social security card codes cannot be used for the moment. Please use your ID card.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>请把身份证放在读卡区。</source>
        <translation>Please place your ID card on the card reader.</translation>
    </message>
</context>
<context>
    <name>IntakeScreen</name>
    <message>
        <location filename="../../window_client/intake/rail.py" line="+14"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>委托代办</source>
        <translation>Proxy authorisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>选择事项</source>
        <translation>Choose the matter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>情形问题</source>
        <translation>Situation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>材料清单</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>填写表单</source>
        <translation>Form</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签名确认</source>
        <translation>Signature</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>核对受理</source>
        <translation>Review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../window_client/intake/screen.py" line="+104"/>
        <source>上一步（Alt+←）</source>
        <translation>Back (Alt+←)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>下一步（Alt+→）</source>
        <translation>Next (Alt+→)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>确认受理（Ctrl+Enter）</source>
        <translation>Accept (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>不予受理…</source>
        <translation>Not accept…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>材料不齐全时一次性告知补正，或出具不予受理通知书</source>
        <translation>Tell the applicant everything to supplement at once when materials are incomplete, or issue a notice of non-acceptance</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>%1（另有 %2 处需要处理）</source>
        <translation>%1 (%2 more to fix)</translation>
    </message>
    <message>
        <location filename="../../window_client/intake/rail.py" line="+26"/>
        <source>申请人：%1 %2</source>
        <translation>Applicant: %1 %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>事项：%1</source>
        <translation>Matter: %1</translation>
    </message>
    <message>
        <location filename="../../window_client/intake/screen.py" line="+42"/>
        <source>内容已修改，请申请人重新签名。</source>
        <translation>Something changed: the applicant must sign again.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>当前受理尚未完成。再按一次 Ctrl+N（或点“放弃”）将放弃并开始新的受理。</source>
        <translation>This intake is not finished. Press Ctrl+N again (or Discard) to drop it and start a new one.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>放弃</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>读到另一张证件，未使用。如需更换申请人，请回到第 1 步。</source>
        <translation>Another ID card was read and not used. To change the applicant, go back to step 1.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1须值班长确认后才能继续受理。</source>
        <translation>%1 A supervisor must confirm before the intake continues.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>值班长确认</source>
        <translation>Supervisor&apos;s confirmation</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>值班长（%1）已确认，可以继续受理。</source>
        <translation>The supervisor (%1) confirmed: the intake may continue.</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+33"/>
        <source>正在保存办件…</source>
        <translation>Saving the case…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>信用核查：申请人有失信记录，不适用告知承诺和容缺受理，须提交全部材料。</source>
        <translation>Credit check: the applicant is listed as dishonest. Neither commitments nor deferred materials may be used; every material must be handed in.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>平台上有本人办理的出生即参保（办件 %1）：已回答“已在医院办理出生即参保”，本次不再重复参保。如不是这个孩子，请改答。</source>
        <translation>The platform shows a newborn enrolment at the hospital by this applicant (case %1): “Enrolled at the hospital?” is answered yes, so this intake does not enrol the baby again. If that was another child, change the answer.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>没有受理：%1</source>
        <translation>Not accepted: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>正在打印通知书…</source>
        <translation>Printing the notice…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>正在打印受理回执…</source>
        <translation>Printing the receipt…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>✓ 已打印受理回执</source>
        <translation>✓ Receipt printed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✓ 已打印受理回执和容缺受理通知书</source>
        <translation>✓ Receipt and deferred-acceptance notice printed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✓ 已打印一次性补正告知书，请交申请人并退还材料</source>
        <translation>✓ Supplement notice printed: hand it to the applicant and return the materials</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>✓ 已打印不予受理通知书，请交申请人并退还材料</source>
        <translation>✓ Notice of non-acceptance printed: hand it to the applicant and return the materials</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>回执没有打印：%1。办件已保存，不受影响。</source>
        <translation>The receipt did not print: %1. The case is saved and safe.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>重新打印</source>
        <translation>Print again</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../kiosk/keypad.py" line="-169"/>
        <source>⌫ 删除</source>
        <translation>⌫ Delete</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>删除最后一位</source>
        <translation>Delete the last character</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清空重新输入</source>
        <translation>Clear and start again</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>先点编号开头的字母</source>
        <translation>First tap the letter the number starts with</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请点拼音首字母，如“出生”点 C S</source>
        <translation>Tap the pinyin initials, e.g. C S for 出生 (birth)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请点下方数字</source>
        <translation>Tap the digits below</translation>
    </message>
</context>
<context>
    <name>KioskApp</name>
    <message>
        <location filename="../../kiosk/app.py" line="+203"/>
        <source>本机暂停服务，请到人工窗口办理。给您带来不便，敬请谅解。</source>
        <translation>This kiosk is out of service. Please go to a staff window. We apologise for the inconvenience.</translation>
    </message>
</context>
<context>
    <name>KioskReceipts</name>
    <message>
        <location filename="../../kiosk/receipts.py" line="+61"/>
        <source>回执没有打印出来，但您的申请已经保存，不受影响。可以稍后在“办件进度查询”中查看，或请医院/大厅工作人员帮助补打。</source>
        <translation>The receipt was not printed, but your application has been saved and is not affected. You can check it later under “Check case progress”, or ask the hospital/hall staff to reprint it.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>本机的回执打印机未就绪</source>
        <translation>This kiosk&apos;s receipt printer is not ready</translation>
    </message>
</context>
<context>
    <name>KioskScreen</name>
    <message>
        <location filename="../../kiosk/screens/base.py" line="+108"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>结束办理</source>
        <translation>End session</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结束办理并清除本次信息</source>
        <translation>End the session and clear its information</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../kiosk/window.py" line="+109"/>
        <location line="+295"/>
        <source>政务服务自助终端</source>
        <translation>Government self-service kiosk</translation>
    </message>
    <message>
        <location line="-80"/>
        <source>您还在办理吗？请点“继续办理”。</source>
        <translation>Are you still there? Please press “Continue”.</translation>
    </message>
    <message>
        <location filename="../../kiosk/identity.py" line="+88"/>
        <source>这张证件尚未生效（有效期自 %1 起），不能在自助终端办理。请到人工窗口办理。</source>
        <translation>This card is not valid yet (valid from %1) and cannot be used at the kiosk. Please go to a staffed window.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>这张证件已过有效期（有效期至 %1），不能在自助终端办理。请到人工窗口办理。</source>
        <translation>This card has expired (valid until %1) and cannot be used at the kiosk. Please go to a staffed window.</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>这是出生医学证明上的条码。请先选择“新生儿参保登记”，填写宝宝信息时再扫描。</source>
        <translation>This is the barcode on a birth medical certificate. Please first choose “Newborn medical insurance enrolment”, then scan it when you enter your baby&apos;s details.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>无法识别这个二维码。请扫描本中心受理回执上的二维码或电子社保卡，也可以放身份证。</source>
        <translation>This QR code cannot be recognised. Please scan the QR code on an acceptance receipt from this centre or your electronic social security card, or place your ID card.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>电子社保卡等电子码需要联网核验，本机现在连不上政务服务平台。请改用身份证。</source>
        <translation>Electronic codes such as the electronic social security card must be verified online, and this kiosk cannot reach the government service platform right now. Please use your ID card instead.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>正在核验电子码…</source>
        <translation>Verifying the electronic code…</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>电子码核验没有成功。请稍后再试，或改用身份证。</source>
        <translation>The electronic code could not be verified. Please try again later, or use your ID card instead.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>政务服务平台没有及时回应。请改用身份证，或稍后再试。</source>
        <translation>The government service platform did not respond in time. Please use your ID card instead, or try again later.</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../qtkit/labels.py" line="+31"/>
        <source>以部门告知为准</source>
        <translation>as the department will tell you</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>（暂定：%1 年节假日安排尚未发布）</source>
        <translation> (provisional: the %1 holiday calendar is not published yet)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>时限未公布</source>
        <translation>no published time limit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>即办</source>
        <translation>on the spot</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 个工作日</source>
        <translation>1 working day</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 个工作日</source>
        <translation>%1 working days</translation>
    </message>
</context>
<context>
    <name>LicenceHolderDialog</name>
    <message>
        <location filename="../../window_client/dialogs/holder.py" line="+24"/>
        <source>电子证照持证人</source>
        <translation>E-licence holder</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请输入“%1”持证人的证件号码：</source>
        <translation>ID number of the holder of “%1”:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>查询电子证照</source>
        <translation>Look up the e-licence</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>LockOverlay</name>
    <message>
        <location filename="../../window_client/dialogs/login.py" line="+153"/>
        <source>输入密码解锁</source>
        <translation>Password to unlock</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>切换用户</source>
        <translation>Switch user</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>已锁屏
操作员：%1</source>
        <translation>Locked
Operator: %1</translation>
    </message>
</context>
<context>
    <name>Lockdown</name>
    <message>
        <location filename="../../kiosk/lockdown.py" line="+245"/>
        <source>维护功能未启用：本机没有设置维护 PIN。请管理员设置 TONGBAN_KIOSK_PIN（或启动参数 --maintenance-pin）后重启本机程序。</source>
        <translation>Maintenance is not enabled: no maintenance PIN is set on this device. An administrator must set TONGBAN_KIOSK_PIN (or the start-up option --maintenance-pin) and then restart the program on this device.</translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <location filename="../../window_client/dialogs/login.py" line="-143"/>
        <source>通办 · 综合受理窗口 · 登录</source>
        <translation>Tongban · Window · Log in</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>通办 综合受理窗口</source>
        <translation>Tongban One-stop window</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>通办 · 无差别综合受理窗口</source>
        <translation>Tongban · One-stop comprehensive window</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+1"/>
        <source>工号</source>
        <translation>Staff ID</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+34"/>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>断网也能登录：账号由省级平台同步到本机，密码在本机核验。</source>
        <translation>Works offline: accounts are synced from the provincial platform and passwords checked on this device.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>请输入工号</source>
        <translation>Enter your staff ID</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>正在核验…</source>
        <translation>Checking…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../window_client/main_window.py" line="+93"/>
        <source>通办 · 综合受理窗口</source>
        <translation>Tongban · Window client</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>受理（Ctrl+N）</source>
        <translation>Intake (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办件查询（F2）</source>
        <translation>Cases (F2)</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>帮办代办（外出）</source>
        <translation>Proxy helper (outreach)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>无差别综合受理窗口</source>
        <translation>One-stop comprehensive window</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>锁屏（Ctrl+L）</source>
        <translation>Lock (Ctrl+L)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>退出登录</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>新的受理</source>
        <translation>New intake</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>办件查询</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>受理</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>办事指南</source>
        <translation>Service guide</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>锁屏</source>
        <translation>Lock</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>叫号</source>
        <translation>Call next</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>确认受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>操作员：%1（%2）</source>
        <translation>Operator: %1 (%2)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>请重新登录</source>
        <translation>Please log in again</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>屏幕已锁定，当前受理尚未完成：请先解锁，再关闭窗口。</source>
        <translation>The screen is locked and an intake is not finished: unlock first, then close the window.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>关闭窗口</source>
        <translation>Close window</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当前受理尚未完成，关闭窗口将放弃已录入的内容。</source>
        <translation>The intake is not finished; closing the window discards what was entered.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>放弃并关闭</source>
        <translation>Discard and close</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>继续受理</source>
        <translation>Continue the intake</translation>
    </message>
</context>
<context>
    <name>MaintenanceScreen</name>
    <message>
        <location filename="../../kiosk/maintenance.py" line="+115"/>
        <source>维护</source>
        <translation>Maintenance</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>维护登录</source>
        <translation>Maintenance login</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>仅限工作人员。请用下面的数字键输入维护 PIN，再点“确定”。</source>
        <translation>Staff only. Enter the maintenance PIN with the number keys below, then press “OK”.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>删除一位</source>
        <translation>Delete one digit</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>返回服务</source>
        <translation>Back to service</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>正在退出程序…</source>
        <translation>Exiting the program…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>已输入 %1 位</source>
        <translation>%1 digit(s) entered</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>请先用数字键输入 PIN。</source>
        <translation>Enter the PIN with the number keys first.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>维护面板</source>
        <translation>Maintenance panel</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>PIN 不正确。请重新输入（还可以试 %1 次）。</source>
        <translation>Wrong PIN. Please enter it again (%1 attempt(s) left).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>PIN 输错次数过多，维护登录已锁定。请 %1 分钟后再试，或点“返回服务”。</source>
        <translation>Too many wrong PINs: maintenance login is locked. Try again in %1 minute(s), or press “Back to service”.</translation>
    </message>
</context>
<context>
    <name>MaskedIdLabel</name>
    <message>
        <location filename="../../qtkit/widgets/masked_id.py" line="+70"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>完整显示</source>
        <translation>shown in full</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>部分数字已隐藏</source>
        <translation>some digits hidden</translation>
    </message>
</context>
<context>
    <name>MaterialRow</name>
    <message>
        <location filename="../../window_client/intake/material_row.py" line="-104"/>
        <source>纸质已收</source>
        <translation>Paper</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>高拍仪扫描</source>
        <translation>Scan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>电子证照</source>
        <translation>E-licence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>告知承诺</source>
        <translation>Commitment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>容缺</source>
        <translation>Defer</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>核心材料</source>
        <translation>core</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>可用电子证照</source>
        <translation>e-licence possible</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>可告知承诺</source>
        <translation>commitment possible</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>可容缺</source>
        <translation>may be deferred</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>用于：%1</source>
        <translation>for: %1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+66"/>
        <source>电子证照（%1）</source>
        <translation>E-licence (%1)</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>再扫一页</source>
        <translation>Scan a page</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>待收取</source>
        <translation>To collect</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✓ 系统生成，无需提交</source>
        <translation>✓ Generated by the system</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✓ 已扫描 %1 页</source>
        <translation>✓ %1 page(s) scanned</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>✓ 电子证照，免提交</source>
        <translation>✓ E-licence, nothing to hand in</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>✓ 已签署告知承诺</source>
        <translation>✓ Commitment signed</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>容缺待补，补齐期限 %1</source>
        <translation>Deferred, due by %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>✓ 纸质材料已收</source>
        <translation>✓ Paper received</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>第 %1 页</source>
        <translation>Page %1</translation>
    </message>
</context>
<context>
    <name>MatterStatus</name>
    <message>
        <location filename="../../kiosk/screens/progress_card.py" line="+7"/>
        <source>待分发</source>
        <translation>Waiting to be dispatched</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已分发，待部门受理</source>
        <translation>Dispatched, waiting for the department to accept it</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>部门办理中</source>
        <translation>Being handled by the department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已办结</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不予办理</source>
        <translation>Rejected</translation>
    </message>
</context>
<context>
    <name>MenuScreen</name>
    <message>
        <location filename="../../kiosk/screens/menu.py" line="+30"/>
        <source>请选择要办理的业务</source>
        <translation>Please choose a service</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>办事指南</source>
        <translation>Service guide</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查看办事条件、材料、时限和地点，可打印</source>
        <translation>Conditions, materials, time limits and place of a matter; printable</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>我什么时候退休</source>
        <translation>When do I retire?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按出生年月查法定退休年龄和退休时间</source>
        <translation>Your statutory retirement age and month, by birth month</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>您好，%1（证件号 %2）</source>
        <translation>Hello, %1 (ID number %2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已读取受理回执。办理其他业务请放身份证。</source>
        <translation>Acceptance receipt read. For other services, please place your ID card.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>办理前请放身份证，或扫描受理回执上的二维码、电子社保卡。</source>
        <translation>Before you start, please place your ID card, or scan the QR code on your acceptance receipt or your electronic social security card.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>请选择要办理的业务。</source>
        <translation>Please choose a service.</translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <location filename="../../qtkit/widgets/banner.py" line="+35"/>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>注意</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭提示</source>
        <translation>Close the message</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>消息</source>
        <translation>Message</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>MessageTerms</name>
    <message>
        <location filename="../../qtkit/message_texts.py" line="-30"/>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>港澳台居民居住证号码</source>
        <translation>Hong Kong, Macao and Taiwan residence permit number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>外国人永久居留身份证号码</source>
        <translation>foreign permanent residence ID card number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>居民身份证</source>
        <translation>resident ID card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>港澳台居民居住证</source>
        <translation>Hong Kong, Macao and Taiwan residence permit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>外国人永久居留身份证（2017版）</source>
        <translation>foreign permanent residence ID card (2017)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>外国人永久居留身份证（2023版）</source>
        <translation>foreign permanent residence ID card (2023)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>此项</source>
        <translation>This field</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>身份证件号码</source>
        <translation>ID document number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>手机号码</source>
        <translation>Mobile number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系电话</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出生医学证明编号</source>
        <translation>Birth certificate number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>银行账号</source>
        <translation>Bank account number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>宝宝姓名</source>
        <translation>Baby&apos;s name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>男性</source>
        <translation>a man</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>女性</source>
        <translation>a woman</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location line="-401"/>
        <source>请填写身份证件号码</source>
        <translation>Please enter the ID document number.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这是 15 位的旧身份证号码，已停止使用，请提供 18 位的公民身份号码</source>
        <translation>This is an old 15-digit ID number, no longer in use: please give the 18-digit citizen ID number.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{doc}应为 18 位，现在是 {length} 位</source>
        <translation>The {doc} should have 18 characters; it has {length}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{doc}前六位 {region} 不是有效的行政区划代码</source>
        <translation>The first six digits of the {doc}, {region}, are not a valid administrative division code.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>外国人永久居留身份证号码应为 15 位（3 个字母加 12 位数字），现在是 {length} 位</source>
        <translation>A foreign permanent residence ID card number has 15 characters (3 letters and 12 digits); this one has {length}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>外国人永久居留身份证号码前三位应为国籍代码（3 个英文字母），现在是“{prefix}”</source>
        <translation>The first three characters of a foreign permanent residence ID card number are the nationality code (3 letters), not “{prefix}”.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>外国人永久居留身份证号码第 4–7 位 {region} 不是有效的受理地区代码</source>
        <translation>Characters 4–7 of the foreign permanent residence ID card number, {region}, are not a valid region code.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{doc}第 {position} 位“{char}”应为数字</source>
        <translation>Character {position} of the {doc}, “{char}”, should be a digit.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{doc}最后一位应为数字或 X，现在是“{char}”</source>
        <translation>The last character of the {doc} should be a digit or X, not “{char}”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{doc}校验位不正确（最后一位应为 {expected}）</source>
        <translation>The check digit of the {doc} is wrong (the last character should be {expected}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{doc}中的出生日期 {digits} 不存在</source>
        <translation>The birth date {digits} in the {doc} does not exist.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{doc}中的出生日期 {digits} 晚于今天</source>
        <translation>The birth date {digits} in the {doc} is after today.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{doc}中的出生日期 {digits} 早于 1900 年</source>
        <translation>The birth date {digits} in the {doc} is before 1900.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不认识的证件类型“{kind}”</source>
        <translation>Unknown document type “{kind}”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码不是{doc}的号码</source>
        <translation>The number is not the number of a {doc}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码中的出生日期与证件上的出生日期不一致</source>
        <translation>The birth date in the number differs from the birth date on the card.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码中的性别与证件上的性别不一致</source>
        <translation>The sex in the number differs from the sex on the card.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请填写手机号码</source>
        <translation>Please enter the mobile number.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>手机号码只能包含数字，现在有“{char}”</source>
        <translation>A mobile number has digits only; this one contains “{char}”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>手机号码应为 11 位，现在是 {length} 位</source>
        <translation>A mobile number has 11 digits; this one has {length}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>手机号码应以 13–19 开头，现在是“{prefix}”</source>
        <translation>A mobile number starts with 13–19, not “{prefix}”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>手机号码不能带分机号</source>
        <translation>A mobile number has no extension.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>固定电话请加区号，如 025-52345678；手机号码应以 1 开头</source>
        <translation>Give a landline with its area code, e.g. 025-52345678; a mobile number starts with 1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>区号“{area}”不存在，请核对</source>
        <translation>There is no area code “{area}”: check it.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>固定电话号码（区号后）应为 7 或 8 位、不以 0 或 1 开头，现在是“{local}”</source>
        <translation>A landline number (after the area code) has 7 or 8 digits and does not start with 0 or 1; this is “{local}”.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请填写{label}</source>
        <translation>{label} is required.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{label}格式不正确</source>
        <translation>{label}: the format is not valid.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{label}中含有换行或不可见的控制字符，请删除后重新输入</source>
        <translation>{label} contains a line break or an invisible control character: delete it and type again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{label}不能超过 {limit} 个字，现在是 {length} 个字</source>
        <translation>{label} may have at most {limit} characters; it has {length}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{label}应为整数</source>
        <translation>{label} should be a whole number.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{label}只能从给定的选项中选择（{options}）</source>
        <translation>{label} must be one of the given options ({options}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{label}中不能有数字、符号或控制字符，请检查“{char}”</source>
        <translation>{label} may not contain digits, symbols or control characters: check “{char}”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{label}中不能有数字、符号或控制字符</source>
        <translation>{label} may not contain digits, symbols or control characters.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{label}中的“·”不能在开头、结尾或连续出现</source>
        <translation>In {label}, the dot “·” may not come first, last or twice in a row.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{label}不能只有符号</source>
        <translation>{label} cannot be symbols only.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{label}应为“年-月-日”格式，如 2024-05-01</source>
        <translation>{label} should be written year-month-day, e.g. 2024-05-01.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{label} {date} 的年份不在 1900–2100 之间</source>
        <translation>The year of {label} {date} is not between 1900 and 2100.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{label} {date} 不存在</source>
        <translation>{label} {date} does not exist.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{label}应为“男”或“女”</source>
        <translation>{label} should be male or female.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{label}只能包含数字，现在有“{char}”</source>
        <translation>{label} has digits only; this one contains “{char}”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{label}应为 12–30 位数字，现在是 {length} 位</source>
        <translation>{label} should have 12–30 digits; it has {length}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请填写国籍（护照上的三位字母代码，如 USA）</source>
        <translation>Enter the nationality (the three-letter code in the passport, e.g. USA)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>国籍应为护照上的三位字母代码（如 USA、GBR、JPN），现在是“{code}”</source>
        <translation>The nationality must be the three-letter code in the passport (e.g. USA, GBR, JPN), not “{code}”</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>国籍为 CHN 的是中国护照，不是外国护照；中国公民请使用居民身份证</source>
        <translation>Nationality CHN is a Chinese passport, not a foreign one; Chinese citizens use the resident ID card</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>居留许可号码应为 6–20 位英文字母或数字，现在是“{number}”</source>
        <translation>The residence permit number must be 6–20 letters or digits, not “{number}”</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>外文姓名只能用英文字母、空格和 - &apos; . ,（不超过 {limit} 个字符），请按证件填写</source>
        <translation>The Latin name may hold only letters, spaces and - &apos; . , (at most {limit} characters), as printed on the document</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>出生日期 {date} 晚于今天，请按证件核对</source>
        <translation>Date of birth {date} is after today; check it against the document</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>性别与证件号码不一致，请核对</source>
        <translation>The sex differs from the one in the ID number; please check</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出生日期与证件号码不一致，请核对</source>
        <translation>The date of birth differs from the one in the ID number; please check</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>申请人信息中没有“{key}”这一项</source>
        <translation>The applicant details have no item “{key}”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请回答情形问题：{question}</source>
        <translation>Please answer the question: {question}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>材料“{name}”尚未处理：请登记为已收、已扫描、电子证照、承诺或容缺</source>
        <translation>The material “{name}” has not been handled: record it as received, scanned, e-licence, commitment or deferred.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>材料“{name}”尚未收取，不能受理</source>
        <translation>The material “{name}” has not been collected: the case cannot be accepted.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>材料“{name}”需要申请人提供，不是系统生成的</source>
        <translation>The material “{name}” must come from the applicant; the system does not generate it.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>材料“{name}”没有对应的电子证照，请收取纸质材料或扫描</source>
        <translation>The material “{name}” has no e-licence: collect the paper or scan it.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>材料“{name}”登记为已扫描，但没有扫描页</source>
        <translation>The material “{name}” is recorded as scanned but has no scanned pages.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>材料“{name}”不适用告知承诺，请提交材料</source>
        <translation>A commitment cannot replace the material “{name}”: hand in the material.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>材料“{name}”是核心材料，不能容缺受理</source>
        <translation>The material “{name}” is a core material and cannot be deferred.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{name}”所属事项未公布办理时限，不能容缺受理，请收齐材料或按补正处理</source>
        <translation>A matter that needs “{name}” publishes no time limit, so the material cannot be deferred: collect it, or ask for the missing materials.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+269"/>
        <source>本情形不需要材料“{material}”，请核对情形问题的回答</source>
        <translation>This situation needs no material “{material}”: check the answers to the questions.</translation>
    </message>
    <message>
        <location line="-266"/>
        <source>材料“{name}”的补齐期限应晚于今天</source>
        <translation>The deadline to supply “{name}” must be after today.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>材料“{name}”的补齐期限最晚为 {limit}（须在承诺办结前留给部门办理时间）</source>
        <translation>The latest deadline for “{name}” is {limit} (the department needs time before the promised completion)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{name}”所属事项承诺 {days} 个工作日办结，补齐期限须比承诺时限早 {reserve} 个工作日以上，不能容缺受理，请收齐材料或按补正处理</source>
        <translation>The matter needing “{name}” promises completion in {days} working days; a deferral must end at least {reserve} working days earlier, so it cannot be deferred: collect the material or ask for a supplement</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>只有容缺材料才有补齐期限（材料“{name}”）</source>
        <translation>Only a deferred material has a deadline to supply it (material “{name}”).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>代办人不能是申请人本人</source>
        <translation>The helper cannot be the applicant.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请填写委托事项</source>
        <translation>Please fill in what the helper is authorised to do.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>委托有效期已过，请重新办理委托</source>
        <translation>The authorisation has expired: please make a new one.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请委托人在委托书上签名</source>
        <translation>The person giving the authorisation must sign the letter of authorisation.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请拍摄委托现场照片</source>
        <translation>Please take a photo of the authorisation on site.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签名为空，请申请人重新签名</source>
        <translation>The signature is empty: ask the applicant to sign again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本事项的申请表中没有“{field}”这一栏</source>
        <translation>The form of this matter has no field “{field}”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请填写“{label}”</source>
        <translation>“{label}” is required.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{label}是男性的号码，应为女性，请核对</source>
        <translation>{label} is a man&apos;s number; it should be a woman&apos;s. Please check it.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{label}是女性的号码，应为男性，请核对</source>
        <translation>{label} is a woman&apos;s number; it should be a man&apos;s. Please check it.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{label} {date} 与情形“{question}”的回答“{answer}”不一致，请核对出生日期或修改回答</source>
        <translation>{label} {date} does not agree with the answer &quot;{answer}&quot; to &quot;{question}&quot;. Check the date of birth or change the answer.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{label} {date} 距今已超过 {days} 天。{note}</source>
        <translation>{label} {date} is more than {days} days ago. {note}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{message}</source>
        <translation>Answers that do not fit together: {detail}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>基本养老保险累计缴费 {have}，{year} 年开始按月领取基本养老金的最低缴费年限为 {need}，还差 {short}。{note}</source>
        <translation>Pension contributions total {have_months} months; a monthly pension starting in {year} needs at least {need_months} months ({short_months} short). The contributions may be extended or paid in one sum to reach the minimum (State Council measures on the retirement age, art. 2).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>身份证显示申请人是{sex}，与“{category}”不符，请核对退休人员类别</source>
        <translation>The ID card shows the applicant is {sex}, which does not fit &quot;{category}&quot;. Please check the category.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>申请人 {born} 出生，按“{category}”法定退休年龄为 {age_years} 岁 {age_months} 个月，{retire} 到龄；申请退休时间 {date} 早于 {first}，不能按“{kind}”办理</source>
        <translation>Born {born}, as &quot;{category}&quot; the applicant reaches the statutory retirement age of {age_years} years {age_months} months in {retire}; the requested date {date} is before {first}, so &quot;{kind}&quot; is not possible.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>申请人 {born} 出生，按“{category}”法定退休年龄为 {age_years} 岁 {age_months} 个月，{retire} 到龄；申请退休时间 {date} 晚于 {last}，不能按“{kind}”办理</source>
        <translation>Born {born}, as &quot;{category}&quot; the applicant reaches the statutory retirement age of {age_years} years {age_months} months in {retire}; the requested date {date} is after {last}, so &quot;{kind}&quot; is not possible.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>申请人 {born} 出生，按“{category}”法定退休年龄为 {age_years} 岁 {age_months} 个月，{retire} 到龄，法定退休年龄没有延迟，不能按“{kind}”办理</source>
        <translation>Born {born}, as &quot;{category}&quot; the applicant reaches the statutory retirement age of {age_years} years {age_months} months in {retire}; that age was not raised, so &quot;{kind}&quot; is not possible.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“{text}”不是有效的年月，请写成 YYYY-MM，如 1966-06</source>
        <translation>&quot;{text}&quot; is not a year and month; write YYYY-MM, e.g. 1966-06.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本件已受理，请开始新的受理。</source>
        <translation>This case is accepted: start a new intake.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请点击“确认受理”。</source>
        <translation>Press “Accept”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请选择要办理的事项</source>
        <translation>Please choose the matter.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请回答：{question}</source>
        <translation>Please answer: {question}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请申请人签名确认</source>
        <translation>Ask the applicant to sign.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件尚未生效（有效期自 {date} 起）。请核对证件和本机日期。</source>
        <translation>The ID card is not valid yet (valid from {date}). Check the card and this device&apos;s date.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>证件已过有效期（有效期至 {date}）。</source>
        <translation>The ID card has expired (valid until {date}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>政务服务平台上暂未查到这张出生医学证明的电子证照（可能刚签发）。请核对编号；核对无误可继续办理，由医保部门核验。</source>
        <translation>The government service platform has no e-licence for this birth certificate yet (it may be newly issued). Check the number; if it is right you can go on, and the medical insurance department will verify it.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>您名下出生医学证明的编号是 {number}，与输入的 {typed} 不一致。请核对证明上的编号后重新输入。</source>
        <translation>The birth certificate in your name has the number {number}, not {typed} as entered. Check the number on the certificate and enter it again.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请选择宝宝的性别：男或女</source>
        <translation>Please choose the baby&apos;s sex: boy or girl.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请选择宝宝的出生日期</source>
        <translation>Please choose the baby&apos;s date of birth.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出生日期不能晚于今天（{today}），请往前选择。</source>
        <translation>The date of birth cannot be after today ({today}): choose an earlier date.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>宝宝的出生日期不能早于您本人的出生日期，请核对后重新选择。</source>
        <translation>The baby&apos;s date of birth cannot be before your own: check it and choose again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>宝宝已满一周岁，不能在医院自助点办理出生即参保。请带出生医学证明和户口簿到医保经办窗口办理参保登记。</source>
        <translation>The baby is one year old or older, so medical insurance from birth cannot be done at this hospital kiosk. Please bring the birth certificate and the household register to a medical insurance window.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请扫描或输入出生医学证明编号</source>
        <translation>Please scan or enter the birth certificate number.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请填写宝宝的姓名</source>
        <translation>Please enter the baby&apos;s name.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请选择宝宝的性别</source>
        <translation>Please choose the baby&apos;s sex.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请输入您的手机号码</source>
        <translation>Please enter your mobile number.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请选择缴费情况</source>
        <translation>Please say whether the contribution has been paid.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请输入缴费金额（元），按缴费凭证或手机上的缴费记录填写。</source>
        <translation>Please enter the amount paid in yuan, as on the receipt or the payment record on your phone.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>缴费金额应为 1 到 {max} 之间的整数（元），请核对。</source>
        <translation>The amount should be a whole number of yuan from 1 to {max}. Please check it.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>缴费凭证号应为 6 到 30 位数字或字母，请核对；没有凭证号可以不填。</source>
        <translation>A receipt number has 6 to 30 digits or letters. Please check it, or leave it empty if you have none.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>登录失败次数过多，请 {minutes} 分钟后再试。</source>
        <translation>Too many failed logins: try again in {minutes} minute(s).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工号或密码不正确（还可尝试 {left} 次）。</source>
        <translation>Wrong staff ID or password ({left} attempt(s) left).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>该账号已停用，请联系管理员。</source>
        <translation>This account is disabled: please call the administrator.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{staff_role}无权执行此操作，请值班长确认。</source>
        <translation>A {staff_role} may not do this: ask the supervisor to confirm.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本机已有工作人员账号，不能再创建初始管理员。</source>
        <translation>This device has staff accounts already: no first administrator can be created.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请填写工号和姓名</source>
        <translation>Please fill in the staff ID and the name.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码至少 8 位</source>
        <translation>The password needs at least 8 characters.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本地数据库出错，操作未完成。请重试；如反复出现请联系运维人员。</source>
        <translation>The local database failed and the operation was not completed. Try again; if it keeps happening, call the operations staff.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>没有权限读写 {path}（权限被拒绝），操作未完成。请联系运维人员检查数据目录的权限。</source>
        <translation>No permission to read or write {path} (permission denied); the operation was not completed. Ask the operations staff to check the data directory&apos;s permissions.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>没有权限读写数据目录（权限被拒绝），操作未完成。请联系运维人员检查数据目录的权限。</source>
        <translation>No permission to read or write the data directory (permission denied); the operation was not completed. Ask the operations staff to check its permissions.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本地存储读写失败（磁盘已满或没有权限？），操作未完成。请联系运维人员。</source>
        <translation>Reading or writing local storage failed (disk full or no permission?); the operation was not completed. Call the operations staff.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>没有权限写入 {path}（权限被拒绝），通办无法保存数据。请让运行通办的系统账号对该目录有读写权限，或用 --data-dir 换一个数据目录。</source>
        <translation>No permission to write {path} (permission denied): Tongban cannot save data. Give the account running Tongban read-write access to that directory, or choose another data directory with --data-dir.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>本机数据库 {database} 不见了或已被清空，但 {proof} 说明本机曾有数据。为免重复发放办件编号、丢失平台登记，通办不会新建数据库：请从备份恢复该数据库文件（连同 {name}-wal，如有）后再启动；没有备份请联系运维人员。切勿删除设备密钥。</source>
        <translation>The database {database} is missing or empty, but {proof} shows this device had data. So as not to hand out case numbers twice or lose the platform enrolment, Tongban does not create a new database: restore the database file (and {name}-wal, if any) from backup, then start again; without a backup, call the operations staff. Never delete the device key.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>数据库 {database} 由更新版本的通办创建，请先升级本程序。</source>
        <translation>The database {database} was created by a newer version of Tongban: upgrade this program first.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>找不到设备密钥文件 {key}，但本机已有数据库 {database}。没有原来的密钥就无法读取已有数据：请从备份恢复密钥文件（或设置 TONGBAN_DEVICE_KEY_FILE 指向它），切勿删除数据库。</source>
        <translation>The device key file {key} is missing, but the database {database} exists. Without the original key the data cannot be read: restore the key file from backup (or point TONGBAN_DEVICE_KEY_FILE at it). Never delete the database.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>部署指定的设备密钥文件 {key} 不存在。</source>
        <translation>The device key file {key} given by the deployment does not exist.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>设备密钥与本机数据库 {database} 不匹配：这不是创建该数据库时使用的密钥。请检查 TONGBAN_DEVICE_KEY_FILE 或恢复原来的密钥文件。</source>
        <translation>The device key does not match the database {database}: it is not the key the database was created with. Check TONGBAN_DEVICE_KEY_FILE or restore the original key file.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>找不到设备密钥文件 {key}。</source>
        <translation>The device key file {key} was not found.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法读取设备密钥文件 {key}。</source>
        <translation>The device key file {key} cannot be read.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>设备密钥文件 {key} 的权限过宽（同组或其他用户可以读取），已拒绝使用。请执行：chmod 600 {key}</source>
        <translation>The device key file {key} can be read by other users, so it is refused. Run: chmod 600 {key}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>数据无法解密：设备密钥不匹配，或数据已被篡改。</source>
        <translation>The data cannot be decrypted: the device key does not match, or the data was altered.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未配置</source>
        <translation>not configured</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>就绪</source>
        <translation>ready</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+7"/>
        <source>已连接</source>
        <translation>connected</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>已启动</source>
        <translation>started</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出错（已记入日志）</source>
        <translation>failed (logged)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>纸将尽，请准备换纸</source>
        <translation>paper running low, have a new roll ready</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已连接（该连接方式读不到打印机状态）</source>
        <translation>connected (this connection cannot read the printer&apos;s status)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>摄像头可用</source>
        <translation>camera available</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>就绪（{width}×{height}）</source>
        <translation>ready ({width}×{height})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已断开，正在重连</source>
        <translation>disconnected, reconnecting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有应答</source>
        <translation>not responding</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>故障</source>
        <translation>fault</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>就绪，请放置证件</source>
        <translation>ready, place the card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>正在读卡</source>
        <translation>reading the card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已读取，请取走证件</source>
        <translation>read, remove the card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已停止</source>
        <translation>stopped</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不认识的外设类型“{role}”</source>
        <translation>Unknown device type “{role}”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{role}未配置</source>
        <translation>{role}: not configured.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印出错（已记入日志）</source>
        <translation>Printing failed (logged).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>找不到身份证阅读器（{port}），请检查阅读器是否接好、端口设置是否正确</source>
        <translation>ID card reader not found ({port}): check that it is plugged in and that the port setting is right.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>身份证阅读器没有应答，请检查阅读器电源和连接线</source>
        <translation>The ID card reader does not answer: check its power and cable.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>阅读器应答不完整，请将证件取走后重新放置</source>
        <translation>The reader&apos;s answer was incomplete: remove the card and place it again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{seconds} 秒内没有读到证件，请将证件平放在阅读区后重试</source>
        <translation>No card was read within {seconds} s: lay the card flat on the reader and try again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>打印机缺纸，请装纸后重试</source>
        <translation>The printer is out of paper: load paper and try again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印过程中缺纸，回执可能未打印完整，请装纸后补打</source>
        <translation>The printer ran out of paper while printing and the receipt may be incomplete: load paper and print it again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>打印机盖未合上，请合上后重试</source>
        <translation>The printer cover is open: close it and try again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印过程中打印机盖被打开，请合上后补打</source>
        <translation>The printer cover was opened while printing: close it and print again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+1"/>
        <source>打印机故障（例如切刀卡纸），请检查后重试</source>
        <translation>The printer has a fault (e.g. paper jammed at the cutter): check it and try again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>打印机离线，请检查打印机后重试</source>
        <translation>The printer is offline: check it and try again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印机无响应，请检查打印机电源和连接后重试</source>
        <translation>The printer does not answer: check its power and connection, then try again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印机连接中断，请检查连接后重试</source>
        <translation>The connection to the printer was lost: check it and try again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>连接不到打印机（{printer}），请检查打印机是否开机、网线是否接好、地址是否正确</source>
        <translation>Cannot reach the printer ({printer}): check that it is switched on, that the network cable is plugged in and that the address is right.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>打不开打印机串口（{port}），请检查串口号和连接线</source>
        <translation>Cannot open the printer&apos;s serial port ({port}): check the port name and the cable.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>扫码枪没有连接</source>
        <translation>The code scanner is not connected.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打不开扫码枪（{port}）：请检查扫码枪是否插好、是否设为串口（虚拟串口）模式。</source>
        <translation>Cannot open the code scanner ({port}): check that it is plugged in and set to serial (virtual COM) mode.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>扫码枪已断开，正在等待重新连接。</source>
        <translation>The code scanner was disconnected; waiting for it to come back.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>找不到摄像头 {index}：请检查摄像头（高拍仪）是否插好，或换一个序号，例如 camera:1。</source>
        <translation>Camera {index} not found: check that the camera (document camera) is plugged in, or try another number, e.g. camera:1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>摄像头 {index} 没有画面：可能已被拔出或被其他程序占用。</source>
        <translation>Camera {index} gives no picture: it may be unplugged or in use by another program.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{seconds} 秒内高拍仪没有拍到画面，请检查高拍仪后重试。</source>
        <translation>The document camera took no picture within {seconds} s: check it and try again.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>连不上省级平台（网络中断或平台未开启），本机数据已保存，网络恢复后自动上传。</source>
        <translation>Cannot reach the provincial platform (network down or platform not running). Data is saved on this device and uploads by itself when the network is back.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>省级平台响应超时，本机数据已保存，稍后自动重试。</source>
        <translation>The provincial platform did not answer in time. Data is saved on this device; it retries by itself.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>与省级平台通信出错，稍后自动重试。</source>
        <translation>Talking to the provincial platform failed; it retries by itself.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法验证省级平台的安全证书，已停止连接。请联系运维人员检查证书配置。</source>
        <translation>The provincial platform&apos;s security certificate could not be verified, so the connection was stopped. Ask the operations staff to check the certificate settings.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>平台证书与登记的证书指纹不符，已停止连接（可能连到了假冒的服务器）。请联系运维人员核对平台证书。</source>
        <translation>The platform&apos;s certificate does not match the enrolled fingerprint, so the connection was stopped (this may be a fake server). Ask the operations staff to check the platform certificate.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>证书指纹格式不正确：应为 64 位十六进制的 SHA-256 指纹。</source>
        <translation>The certificate fingerprint is malformed: it should be a SHA-256 fingerprint of 64 hex digits.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>平台地址格式不正确，请重新登记平台地址。</source>
        <translation>The platform address is not valid: enrol the platform address again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本机尚未在平台登记，请先执行 tongban sync enroll。</source>
        <translation>This device is not enrolled with the platform yet: run tongban sync enroll first.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>省级平台的应答不符合接口约定，本轮同步已停止（本机数据不受影响）。请联系运维人员。</source>
        <translation>The provincial platform&apos;s answer breaks the interface contract, so this sync round was stopped (data on this device is not affected). Call the operations staff.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>平台上的附件与本机不一致。</source>
        <translation>The attachment on the platform differs from the one on this device.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>平台没有收下附件数据。</source>
        <translation>The platform did not take the attachment data.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>省级平台繁忙（HTTP {status}），稍后自动重试。本机数据已保存。</source>
        <translation>The provincial platform is busy (HTTP {status}); it retries by itself. Data is saved on this device.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>省级平台繁忙（HTTP {status}），约 {seconds} 秒后重试。本机数据已保存。</source>
        <translation>The provincial platform is busy (HTTP {status}); retrying in about {seconds} s. Data is saved on this device.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>省级平台暂时出错（HTTP {status}），稍后自动重试。本机数据已保存。</source>
        <translation>The provincial platform has a temporary fault (HTTP {status}); it retries by itself. Data is saved on this device.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>省级平台暂时出错（HTTP {status}），约 {seconds} 秒后重试。本机数据已保存。</source>
        <translation>The provincial platform has a temporary fault (HTTP {status}); retrying in about {seconds} s. Data is saved on this device.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本机时钟比平台快{minutes} 分钟，平台拒绝了同步请求。请校准本机日期和时间（或开启自动对时）后再同步。</source>
        <translation>This device&apos;s clock is {minutes} minutes ahead of the platform&apos;s, so the platform refused to sync. Set the date and time (or turn on automatic time), then sync again.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>本机时钟比平台慢{minutes} 分钟，平台拒绝了同步请求。请校准本机日期和时间（或开启自动对时）后再同步。</source>
        <translation>This device&apos;s clock is {minutes} minutes behind the platform&apos;s, so the platform refused to sync. Set the date and time (or turn on automatic time), then sync again.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>本机时钟比平台快超过 5 分钟，平台拒绝了同步请求。请校准本机日期和时间（或开启自动对时）后再同步。</source>
        <translation>This device&apos;s clock is more than 5 minutes off the platform&apos;s, so the platform refused to sync. Set the date and time (or turn on automatic time), then sync again.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>收到申请材料的日期不能晚于今天</source>
        <translation>The day the materials were received cannot be later than today</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>收到申请材料（{received}）已超过五个工作日（告知期限 {due}），依法自收到申请材料之日起即为受理（行政许可法第三十二条），不能再告知补正，请予受理</source>
        <translation>More than five working days have passed since the materials were received ({received}; notice due by {due}): by law the application counts as accepted from that day (Administrative Licensing Law, art. 32). It can no longer be sent back for supplement; accept it</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>请写明不予受理的理由</source>
        <translation>State the reason for not accepting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请先回答情形问题“{question}”，才能一次性列出需要补正的全部材料</source>
        <translation>Answer the question “{question}” first, so that every material to supplement can be listed at once</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>材料已齐全且符合法定形式，无需补正，请予受理</source>
        <translation>The materials are complete and in the legal form: nothing to supplement; accept the application</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>内容不能超过 500 个字</source>
        <translation>At most 500 characters</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请人有失信记录，“{name}”不能适用告知承诺，请提交材料（国办发〔2020〕42号）</source>
        <translation>The applicant is listed as dishonest: “{name}” cannot be replaced by a commitment; the material must be handed in (State Council Office 2020 No. 42)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>申请人有失信记录，“{name}”不能适用容缺受理，请提交材料（国办发〔2020〕42号）</source>
        <translation>The applicant is listed as dishonest: “{name}” cannot be deferred; the material must be handed in (State Council Office 2020 No. 42)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本办件没有材料“{material}”</source>
        <translation>This case has no material “{material}”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请说明启动特别程序的原因</source>
        <translation>Give the reason for the special procedure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预计所需时间应为 1 至 {most} 个工作日</source>
        <translation>The expected time should be 1 to {most} working days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本办件有多个特别程序进行中，请指定事项：{matters}</source>
        <translation>Several special procedures are running on this case: name the matter: {matters}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>材料“{name}”不是告知承诺，没有要核查的内容</source>
        <translation>“{name}” is no commitment: there is nothing to check</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承诺不实，请写明核查发现的情况</source>
        <translation>The commitment is false: say what the check found</translation>
    </message>
    <message>
        <location filename="../../qtkit/messages.py" line="+51"/>
        <source>程序出错（已记入日志），请联系管理员。</source>
        <translation>Program error (logged): please call the administrator.</translation>
    </message>
</context>
<context>
    <name>NewbornScreen</name>
    <message>
        <location filename="../../kiosk/screens/newborn.py" line="+76"/>
        <source>新生儿参保登记（出生即参保）</source>
        <translation>Newborn medical insurance enrolment (insured from birth)</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>请先放监护人的身份证</source>
        <translation>First, place the guardian&apos;s ID card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>父亲或母亲把居民身份证平放在屏幕下方的读卡区，听到“嘀”声后稍等。</source>
        <translation>The father or mother lays their resident ID card flat on the card reader below the screen and waits a moment after hearing a “beep”.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>宝宝的出生医学证明编号</source>
        <translation>Your baby&apos;s birth medical certificate number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>把出生医学证明右上角的条码对准扫码口，或在下面输入编号：1 个字母加 9 位数字。</source>
        <translation>Hold the barcode at the top right of the birth medical certificate up to the scanner, or enter the number below: 1 letter followed by 9 digits.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>监护人：%1（证件号 %2）</source>
        <translation>Guardian: %1 (ID number %2)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>请先把监护人的身份证放在读卡区。</source>
        <translation>Please place the guardian&apos;s ID card on the card reader first.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>这不是出生医学证明编号的条码。请扫描证明右上角编号旁的条码，或直接输入编号。</source>
        <translation>This is not the barcode of a birth medical certificate number. Please scan the barcode next to the number at the top right of the certificate, or type the number in.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>已从出生医学证明电子证照读取，请核对。</source>
        <translation>Read from the birth medical certificate e-licence. Please check.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>正在查询出生医学证明电子证照…</source>
        <translation>Looking up the birth medical certificate e-licence…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>暂时查不到电子证照，可以继续办理：提交后由医保部门核验出生医学证明。</source>
        <translation>The e-licence cannot be found right now, but you can continue: after you submit, the medical insurance department will verify the birth medical certificate.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>宝宝出生第 %1 天</source>
        <translation>Day %1 of your baby&apos;s life</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>正在打印回执…</source>
        <translation>Printing your receipt…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>回执已打印，请从出纸口取走并妥善保管。</source>
        <translation>Your receipt has been printed. Please take it from the paper outlet and keep it safe.</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/newborn_pages.py" line="+52"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>出生医学证明编号输入键盘</source>
        <translation>Keypad for the birth medical certificate number</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>宝宝的姓名</source>
        <translation>Your baby&apos;s name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>点下面的输入框，用屏幕键盘输入宝宝的姓名（与出生医学证明一致）。</source>
        <translation>Tap the box below and type your baby&apos;s name with the on-screen keyboard (as on the birth medical certificate).</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+173"/>
        <source>宝宝姓名</source>
        <translation>Baby&apos;s name</translation>
    </message>
    <message>
        <location line="-172"/>
        <source>点这里输入姓名</source>
        <translation>Tap here to enter the name</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>宝宝的性别</source>
        <translation>Your baby&apos;s sex</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>男孩</source>
        <translation>Boy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>女孩</source>
        <translation>Girl</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>宝宝的出生日期</source>
        <translation>Your baby&apos;s date of birth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>点“前一天”“前一个月”调到出生那天（与出生医学证明一致）。</source>
        <translation>Press “Previous day” or “Previous month” to go to the day of birth (as on the birth medical certificate).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>出生日期选择</source>
        <translation>Date of birth picker</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>您的手机号码</source>
        <translation>Your mobile number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>医保部门用它通知您参保结果。</source>
        <translation>The medical insurance department uses it to tell you the enrolment result.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>手机号码输入键盘</source>
        <translation>Keypad for the mobile number</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>宝宝的医保费交了吗？</source>
        <translation>Has your baby&apos;s medical insurance contribution been paid?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本机不收费。已经缴费的，选缴费的地方并输入金额；还没有缴费的，提交后请尽快缴费：出生 90 天内参保缴费的，从出生之日起享受医保待遇。</source>
        <translation>This kiosk takes no payment. If you have paid, choose where and enter the amount; if not, please pay soon after submitting: a baby enrolled and paid within 90 days of birth is covered from the day of birth.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>还没有缴费</source>
        <translation>Not paid yet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已在医院收费处缴费</source>
        <translation>Paid at the hospital cashier</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已用手机缴费（税务APP、微信、支付宝）</source>
        <translation>Paid by phone (tax app, WeChat, Alipay)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已在银行或服务大厅缴费</source>
        <translation>Paid at a bank or service hall</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>缴费金额（元）：</source>
        <translation>Amount paid (yuan):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>如 400</source>
        <translation>e.g. 400</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缴费金额（元）</source>
        <translation>Amount paid (yuan)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>缴费凭证号（电子税票号码，选填）</source>
        <translation>Receipt number (e-tax receipt, optional)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>缴费凭证号</source>
        <translation>Receipt number</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>请核对宝宝的信息</source>
        <translation>Please check your baby&apos;s details</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提交后将为宝宝办理城乡居民医保参保登记。有错请点“返回”修改。</source>
        <translation>After you submit, your baby will be enrolled in the urban and rural residents&apos; medical insurance. If anything is wrong, press “Back” to change it.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>信息无误，提交</source>
        <translation>Details correct, submit</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1（已核验电子证照）</source>
        <translation>%1 (e-licence verified)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1（待联网核验）</source>
        <translation>%1 (to be verified online)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出生医学证明编号</source>
        <translation>Birth medical certificate number</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>监护人</source>
        <translation>Guardian</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1（证件号 %2）</source>
        <translation>%1 (ID number %2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>联系电话</source>
        <translation>Contact phone</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>缴费情况</source>
        <translation>Payment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>还要办理出生“一件事”其他事项（户口、社保卡…）</source>
        <translation>Also apply for the rest of the birth “one-thing bundle” (household registration, social security card…)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>以部门告知为准</source>
        <translation>as the department will tell you</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>办件编号：%1</source>
        <translation>Case number: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>✓ 参保成功</source>
        <translation>✓ Enrolled successfully</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>医保部门已确认：%1</source>
        <translation>Confirmed by the medical insurance department: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>医保部门未能办理</source>
        <translation>The medical insurance department could not process it</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>原因：%1。请带出生医学证明到医保经办窗口咨询。</source>
        <translation>Reason: %1. Please take the birth medical certificate to a medical insurance service window for help.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>已受理（离线）</source>
        <translation>Accepted (offline)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本机暂时连不上政务服务平台。您的申请已保存在本机，联网后自动提交医保部门，一般 1 个工作日内完成参保（最晚 %1）。</source>
        <translation>This kiosk cannot reach the government service platform right now. Your application is saved on this kiosk and will be submitted to the medical insurance department automatically once online; enrolment is usually completed within 1 working day (%1 at the latest).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>已受理，等待医保部门确认</source>
        <translation>Accepted, waiting for the medical insurance department to confirm</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>申请已提交医保部门，确认结果稍后返回（最晚 %1）。可凭回执扫码查询进度。</source>
        <translation>Your application has been submitted to the medical insurance department; the confirmation will follow later (%1 at the latest). You can scan the code on the receipt to check the progress.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>尚未缴费（家长自述；请尽快缴费）</source>
        <translation>Not paid yet (as stated by the parent; please pay soon)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>医院收费处</source>
        <translation>the hospital cashier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>手机缴费</source>
        <translation>a phone payment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>银行或服务大厅</source>
        <translation>a bank or service hall</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已在%1缴费 %2 元，凭证号 %3（家长自述，本机未收费、未核验）</source>
        <translation>Paid at %1: %2 yuan, receipt %3 (as stated by the parent; this kiosk took no payment and checked nothing)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>未填</source>
        <translation>not given</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/newborn_submit.py" line="+82"/>
        <source>正在保存您的申请…</source>
        <translation>Saving your application…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>已保存。正在提交医保部门确认参保，请稍候…</source>
        <translation>Saved. Submitting to the medical insurance department to confirm the enrolment, please wait…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>申请没有保存成功，请再点一次“提交”；仍不成功请到医保经办窗口办理。</source>
        <translation>Your application could not be saved. Please press “Details correct, submit” again; if it still does not work, please go to a medical insurance service window.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>保存用时过长。请不要重复提交：请点“结束办理”后重新放身份证，在“办件进度查询”中查看是否已受理。</source>
        <translation>Saving took too long. Please do not submit again: press “End session”, place your ID card again, and check under “Check case progress” whether it was accepted.</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <location filename="../../kiosk/printing.py" line="+59"/>
        <source>本机没有可用的A4打印机。请改用小票打印，或到人工窗口打印。</source>
        <translation>This kiosk has no A4 printer available. Please print on receipt paper instead, or print at a staff window.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>A4打印机没有接受打印任务，请稍后再试，或到人工窗口打印。</source>
        <translation>The A4 printer did not accept the print job. Please try again later, or print at a staff window.</translation>
    </message>
</context>
<context>
    <name>ProgressScreen</name>
    <message>
        <location filename="../../kiosk/screens/progress.py" line="+113"/>
        <source>办件进度查询</source>
        <translation>Check case progress</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>办件列表</source>
        <translation>Case list</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>▲ 上一页</source>
        <translation>▲ Previous page</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>▼ 下一页</source>
        <translation>▼ Next page</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>完成查询，去评价</source>
        <translation>Done checking, rate the service</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>正在查询办件进度，请稍候。</source>
        <translation>Checking case progress, please wait.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>正在查询办件进度…</source>
        <translation>Checking case progress…</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>查询人：%1（证件号 %2）</source>
        <translation>Checking for: %1 (ID number %2)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>受理回执：%1</source>
        <translation>Acceptance receipt: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>请扫描受理回执上的二维码，或把身份证放在读卡区。</source>
        <translation>Please scan the QR code on your acceptance receipt, or place your ID card on the card reader.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>没有查到这个办件。请核对受理回执是否为本中心出具，或到人工窗口查询。</source>
        <translation>This case was not found. Please check that the acceptance receipt was issued by this centre, or ask at a staff window.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>没有查到您的办件。如果您刚刚在其他地方提交了申请，请稍后再查，或到人工窗口查询。</source>
        <translation>No cases were found for you. If you have just applied somewhere else, please check again later, or ask at a staff window.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>还没有要查询的办件。请扫描受理回执上的二维码，或放身份证。</source>
        <translation>There is no case to check yet. Please scan the QR code on your acceptance receipt, or place your ID card.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>
本机现在连不上政务服务平台，只能查到在本机受理的办件。</source>
        <translation>
This kiosk cannot reach the government service platform right now, so only cases accepted on this kiosk can be found.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>查到%1件办件，请看屏幕。</source>
        <translation>Found %1 case(s). Please look at the screen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>本机没有连接政务服务平台，显示的是本机受理的办件。其他窗口受理的办件请到人工窗口查询。</source>
        <translation>This kiosk is not connected to the government service platform, so it shows the cases accepted on this kiosk. For cases accepted at other windows, please ask at a staff window.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>政务服务平台没有及时回应，下面是本机保存的进度，可能不是最新。请稍后再查，或到人工窗口查询。</source>
        <translation>The government service platform did not respond in time. Below is the progress saved on this kiosk, which may not be up to date. Please check again later, or ask at a staff window.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>暂时连不上政务服务平台，下面是本机保存的进度，可能不是最新。请稍后再查，或到人工窗口查询。</source>
        <translation>Cannot reach the government service platform right now. Below is the progress saved on this kiosk, which may not be up to date. Please check again later, or ask at a staff window.</translation>
    </message>
</context>
<context>
    <name>ProxyPage</name>
    <message>
        <location filename="../../window_client/intake/proxy_page.py" line="+53"/>
        <source>委托代办</source>
        <translation>Proxy authorisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请人（委托人）委托帮办代办人员办理：填写代办人、委托事项和有效期，委托人签名并拍摄现场照片。</source>
        <translation>The applicant (principal) authorises a proxy helper: enter the helper, the scope and the validity; the principal signs and a photo is taken.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>委托人（申请人）</source>
        <translation>Principal (applicant)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>代办人与委托内容</source>
        <translation>Helper and scope</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>放置代办人的身份证可自动填写姓名和证件号码。</source>
        <translation>Place the helper&apos;s ID card to fill in name and number.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>代办人姓名</source>
        <translation>Helper&apos;s name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>代办人证件号码</source>
        <translation>Helper&apos;s ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>所在单位（选填）</source>
        <translation>Organisation (optional)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>委托事项</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>委托有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>委托凭证</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>委托人签名</source>
        <translation>Principal&apos;s signature</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>拍摄现场照片</source>
        <translation>Take a photo</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>代为申请本次事项，提交材料并签收相关文书</source>
        <translation>Apply for this matter, hand in the materials and sign for documents on the principal&apos;s behalf</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>（未完成）</source>
        <translation>(not yet)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>这是委托人的证件；请放置代办人的身份证。</source>
        <translation>This is the principal&apos;s card; place the helper&apos;s ID card.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>本人 %1 委托 %2 代为办理：%3。委托有效期至 %4。</source>
        <translation>I, %1, authorise %2 to act for me: %3. Valid until %4.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>没有拍到照片：%1</source>
        <translation>No photo taken: %1</translation>
    </message>
</context>
<context>
    <name>QuestionsPage</name>
    <message>
        <location filename="../../window_client/intake/questions_page.py" line="+62"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>情形问题</source>
        <translation>Situation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请逐一询问申请人；只显示与本次情形有关的问题，回答后清单随之确定。</source>
        <translation>Ask the applicant each question; only the questions that apply are shown, and the checklist follows the answers.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>还有 %1 个问题未回答。目前：并联办理 %2 个事项，需 %3 项材料。</source>
        <translation>%1 question(s) left. So far: %2 matters in parallel, %3 materials.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>✓ 问题已全部回答：并联办理 %1 个事项，需 %2 项材料。</source>
        <translation>✓ All answered: %1 matters in parallel, %2 materials.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>问题已全部回答，但有 %1 处回答不符合办理条件，请按问题下方的提示修改。</source>
        <translation>All questions are answered, but %1 answer(s) do not meet the conditions: change them as the notes under the questions say.</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../window_client/queue/panel.py" line="+54"/>
        <source>%1 号窗口</source>
        <translation>Window %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>叫号（F5）</source>
        <translation>Call next (F5)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>重呼</source>
        <translation>Recall</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>过号</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+191"/>
        <source>转窗口</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location line="-188"/>
        <location line="+50"/>
        <source>暂停</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>扫码或输入排队号</source>
        <translation>Scan or type a ticket</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>当前无叫号</source>
        <translation>No ticket called</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>已等 %1 分钟</source>
        <translation>waited %1 min</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>继续</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>正在叫号…</source>
        <translation>Calling…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>暂无等候的群众</source>
        <translation>Nobody is waiting</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>叫号系统没有应答</source>
        <translation>the queue server did not answer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>叫号系统连不上（%1）：请扫描群众的排队凭条</source>
        <translation>Queue server unreachable (%1): scan the citizen&apos;s ticket</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>叫号系统离线，请扫描号票上的二维码</source>
        <translation>Queue system offline: scan the QR code on the ticket</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>叫号记录未能保存：%1</source>
        <translation>The queue step was not saved: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>叫号系统离线：已保存在本机，联网后自动上传</source>
        <translation>Queue server offline: kept on this device, sent when it is back</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已重呼 %1</source>
        <translation>%1 recalled</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 已过号</source>
        <translation>%1 skipped</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>转到几号窗口：</source>
        <translation>Transfer to window number:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 已转到 %2 号窗口</source>
        <translation>%1 transferred to window %2</translation>
    </message>
    <message>
        <location filename="../../window_client/queue/desk.py" line="+42"/>
        <source>当前受理尚未完成：新建受理（Ctrl+N）后再带入叫到的申请人</source>
        <translation>An intake is in progress: start a new one (Ctrl+N) to fill in the called applicant</translation>
    </message>
</context>
<context>
    <name>QueueStats</name>
    <message>
        <location filename="../../window_client/queue/stats_view.py" line="+73"/>
        <location line="+268"/>
        <source>排队统计</source>
        <translation>Queue statistics</translation>
    </message>
    <message>
        <location line="-256"/>
        <source>按小时</source>
        <translation>By hour</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按队列</source>
        <translation>By lane</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按事项</source>
        <translation>By matter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按窗口</source>
        <translation>By window</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出 CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>日期</source>
        <translation>Day</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+16"/>
        <source>分组</source>
        <translation>Group</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>号票</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已办结</source>
        <translation>Served</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>等候中位（分钟）</source>
        <translation>Median wait (min)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>最长等候（分钟）</source>
        <translation>Longest wait (min)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理中位（分钟）</source>
        <translation>Median service (min)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>超过等候目标</source>
        <translation>Over waiting target</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>评价数</source>
        <translation>Ratings</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>平均评价</source>
        <translation>Mean rating</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>正在读取大厅服务器的排队统计…</source>
        <translation>Reading the queue statistics from the hall server…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>大厅服务器没有应答，暂时不能读取排队统计；稍后点“刷新”再试</source>
        <translation>The hall server does not answer, so the queue statistics cannot be read now; press “Refresh” later</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>未能读取排队统计：%1</source>
        <translation>Could not read the queue statistics: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1：号票 %2 张，已办结 %3 张；等候目标 %4 分钟，超过 %5 张；评价 %6 条</source>
        <translation>%1: %2 tickets, %3 served; waiting target %4 min, %5 over it; %6 ratings</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>超过等候目标的号票（等得最久的在前）：%1</source>
        <translation>Tickets over the waiting target (longest wait first): %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>没有超过等候目标的号票</source>
        <translation>No ticket over the waiting target</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>未叫号</source>
        <translation>Not called</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 号窗口</source>
        <translation>Window %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>导出 CSV</source>
        <translation>Export CSV</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV 文件 (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>正在写入 %1…</source>
        <translation>Writing %1…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已导出 %1 张号票到 %2</source>
        <translation>Exported %1 tickets to %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>无法写入 %1：%2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>排队统计（F6）</source>
        <translation>Queue statistics (F6)</translation>
    </message>
</context>
<context>
    <name>RatingFollowUp</name>
    <message>
        <location filename="../../window_client/cases/rating_dialog.py" line="+38"/>
        <source>受理时</source>
        <translation>At intake</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办结后</source>
        <translation>After completion</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>一次一评（受理时）</source>
        <translation>Visit rating (at intake)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>一事一评（办结后）</source>
        <translation>Matter rating (after completion)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>，整改期限 %1</source>
        <translation>, rectify by %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>，已整改</source>
        <translation>, rectified</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>，已回访</source>
        <translation>, visited</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>，复核：差评不成立</source>
        <translation>, review: bad rating void</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>，复核：差评成立</source>
        <translation>, review: bad rating upheld</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>请您对本办件的办理结果作出评价</source>
        <translation>Please rate the result of this case</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>已记录办结评价：%1。差评须在 %2 前整改并回访。</source>
        <translation>Result rating recorded: %1. The bad rating must be rectified and followed up by %2.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已记录办结评价：%1。</source>
        <translation>Result rating recorded: %1.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>已记录差评的整改结果。</source>
        <translation>Rectification of the bad rating recorded.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已记录差评回访。</source>
        <translation>Follow-up visit recorded.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已记录申诉复核结论。</source>
        <translation>Appeal review recorded.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>差评处置</source>
        <translation>Bad rating follow-up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>差评须在整改期限内整改并回访申请人。恶意或误评的差评可申诉复核；复核认定不成立的，无需整改。</source>
        <translation>A bad rating must be rectified by its deadline and the applicant visited again. A malicious or mistaken bad rating may be appealed; once the review finds it void, no rectification is owed.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>待处置的差评</source>
        <translation>Bad ratings to follow up</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>整改结果</source>
        <translation>Rectification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回访</source>
        <translation>Follow-up visit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申诉复核</source>
        <translation>Appeal review</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>回访日期</source>
        <translation>Visit date</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>回访人（默认本人）</source>
        <translation>Visited by (default: you)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回访人</source>
        <translation>Visited by</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>差评成立</source>
        <translation>Bad rating upheld</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>差评不成立（恶意或误评）</source>
        <translation>Bad rating void (malicious or mistaken)</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>整改措施和结果</source>
        <translation>What was done and the result</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回访情况（申请人的意见）</source>
        <translation>What the applicant said</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申诉理由和复核情况</source>
        <translation>Why it was appealed and what the review found</translation>
    </message>
</context>
<context>
    <name>RatingScreen</name>
    <message>
        <location filename="../../kiosk/screens/rating.py" line="+144"/>
        <location line="+66"/>
        <source>请为本次服务评价</source>
        <translation>Please rate this service</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>您的评价会转给服务管理部门；“不满意”会有专人回访整改。评价不会影响办理结果。</source>
        <translation>Your rating goes to the service management department; if you choose “Dissatisfied”, someone will follow up and put things right. Your rating does not affect the outcome of your case.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>★★★★★ 非常满意</source>
        <translation>★★★★★ Very satisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>★★★★ 满意</source>
        <translation>★★★★ Satisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>★★★ 基本满意</source>
        <translation>★★★ Fairly satisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>★★ 不满意</source>
        <translation>★★ Dissatisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>★ 非常不满意</source>
        <translation>★ Very dissatisfied</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>等待时间长、办理慢</source>
        <translation>Long wait, slow service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>操作复杂、看不懂</source>
        <translation>Too complicated, hard to understand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>设备故障（读卡、扫码、打印）</source>
        <translation>Equipment fault (card reading, scanning, printing)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>信息不准确或查不到</source>
        <translation>Information wrong or not found</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>其他原因</source>
        <translation>Other reason</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>不评价，返回</source>
        <translation>Skip rating, go back</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>办件 %1 已办结，请为办理结果评价。%2</source>
        <translation>Case %1 is decided: please rate its result. %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>请为本次服务评价，点一下对应的按钮。</source>
        <translation>Please rate this service by tapping the matching button.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>请为办理结果评价</source>
        <translation>Please rate the result</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请告诉我们哪里不满意</source>
        <translation>Please tell us what you were unhappy with</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>正在提交评价…</source>
        <translation>Submitting your rating…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>这个办件的办理结果已经评价过了，每个办件评价一次。还可以继续办理其他业务。</source>
        <translation>The result of this case has already been rated: each case is rated once. You can continue with another service.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>感谢您的评价！还可以继续办理其他业务，或点“结束办理”。</source>
        <translation>Thank you for your rating! You can go on to use other services, or press “End session”.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>评价没有保存成功，请再点一次；仍不成功请联系工作人员。</source>
        <translation>Your rating could not be saved. Please tap again; if it still does not work, please ask a member of staff.</translation>
    </message>
</context>
<context>
    <name>RefusalDialog</name>
    <message>
        <location filename="../../window_client/intake/refusal_dialog.py" line="+46"/>
        <source>不予受理</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>材料不齐全或不符合法定形式的，当场一次性告知需要补正的全部内容；申请事项不属于受理范围等，出具不予受理通知书并写明理由。申请不受理，材料退还申请人。</source>
        <translation>If materials are incomplete or not in the legal form, tell the applicant everything to supplement, at once; if the matter is outside this office&apos;s remit or the like, issue a notice of non-acceptance with the reason. The application is not accepted and the materials go back to the applicant.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>一次性告知补正（材料不齐全或不符合法定形式）</source>
        <translation>Tell everything to supplement (materials incomplete or not in the legal form)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>不予受理（须写明理由）</source>
        <translation>Not accept (state the reason)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>材料</source>
        <translation>Material</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>现状</source>
        <translation>Now</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>需补正的内容</source>
        <translation>What to correct</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已收材料不合格时，写明需补正的问题；缺少的材料可不填</source>
        <translation>For a material received but not acceptable, say what must be corrected; a missing material needs nothing here</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>需补正的材料</source>
        <translation>Materials to supplement</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>缺少</source>
        <translation>Missing</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>补充说明（可不填）</source>
        <translation>Further note (optional)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不予受理的理由（必填，印在通知书上）</source>
        <translation>Reason for not accepting (required; printed on the notice)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>出具一次性补正告知书</source>
        <translation>Issue the supplement notice</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>出具不予受理通知书</source>
        <translation>Issue the notice of non-acceptance</translation>
    </message>
</context>
<context>
    <name>RetirementScreen</name>
    <message>
        <location filename="../../kiosk/screens/retirement.py" line="+41"/>
        <source>我什么时候退休</source>
        <translation>When do I retire?</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>出生年月数字键盘</source>
        <translation>Keypad for the birth month</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+226"/>
        <source>男职工</source>
        <translation>Man</translation>
    </message>
    <message>
        <location line="-225"/>
        <source>女职工
原50周岁退休</source>
        <translation>Woman
formerly retiring at 50</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>女职工
原55周岁退休</source>
        <translation>Woman
formerly retiring at 55</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>重新查询</source>
        <translation>Look up again</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>请放身份证，或输入出生年月（6 位数字，如 1966 年 6 月输入 196606）。</source>
        <translation>Place your ID card, or type your birth month (6 digits: June 1966 is 196606).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>按身份证：%1年%2月出生，女。您原来的退休年龄是50周岁还是55周岁？（一般原工人岗位为50周岁，原干部、管理和专业技术岗位为55周岁）</source>
        <translation>From your ID card: born %2/%1, a woman. Was your original retirement age 50 or 55? (Usually 50 for former worker posts, 55 for former cadre, management and professional posts.)</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>出生年月不能晚于本月，请重新输入。</source>
        <translation>The birth month cannot be later than this month. Please type it again.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1年%2月出生。请选择：男职工，或女职工原来的退休年龄（50周岁或55周岁）。</source>
        <translation>Born %2/%1. Choose: man, or for a woman her original retirement age (50 or 55).</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>法定退休年龄：%1岁%2个月</source>
        <translation>Statutory retirement age: %1 years %2 months</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>法定退休年龄：%1岁</source>
        <translation>Statutory retirement age: %1 years</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1年%2月退休</source>
        <translation>Retirement: %2/%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>按月领取养老金，基本养老保险最少要缴费 %1 年（%2年退休）</source>
        <translation>For a monthly pension, at least %1 years of pension insurance contributions (retiring in %2).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>按月领取养老金，基本养老保险最少要缴费 %1 年 6 个月（%2年退休）</source>
        <translation>For a monthly pension, at least %1 years 6 months of pension insurance contributions (retiring in %2).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>与单位协商一致，最晚可以延迟到 %1年%2月退休。</source>
        <translation>If the employer agrees, retirement can be delayed to %2/%1 at the latest.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>缴费满最低年限的，最早可以在 %1年%2月弹性提前退休；</source>
        <translation>With the minimum contributions paid, flexible early retirement is possible from %2/%1; </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>您的退休年龄没有延迟，不能弹性提前退休；</source>
        <translation>Your retirement age was not raised, so there is no flexible early retirement; </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>依据《全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定》（2025年1月1日起施行）。特殊工种、因病提前退休等按国家另有规定；办理退休以人社部门审核为准。</source>
        <translation>Under the NPC Standing Committee&apos;s decision on gradually raising the statutory retirement age (in force from 1 January 2025). Special jobs and retirement on health grounds follow their own national rules; the human resources and social security department decides each retirement.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1年%2月出生，%3：</source>
        <translation>Born %2/%1, %3:</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>女职工，原50周岁退休</source>
        <translation>woman, formerly retiring at 50</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>女职工，原55周岁退休</source>
        <translation>woman, formerly retiring at 55</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../window_client/intake/review_page.py" line="+51"/>
        <source>核对受理</source>
        <translation>Review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请核对以下内容。确认受理后办件即保存在本机，联网时自动上传省级平台。</source>
        <translation>Check the case. On acceptance it is saved on this device and uploaded to the provincial platform when online.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>办件</source>
        <translation>Case</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>并联办理事项</source>
        <translation>Matters in parallel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请表</source>
        <translation>Form</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>容缺受理（有材料待补齐）</source>
        <translation>Accepted with deferred materials</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>受理</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>受理方式</source>
        <translation>Acceptance</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>承诺办结</source>
        <translation>Promised by</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>帮办代办</source>
        <translation>Proxy helper</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 代办，委托有效期至 %2</source>
        <translation>%1 acts as proxy, authorised until %2</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>容缺，%1 前补齐</source>
        <translation>Deferred, due by %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已扫描 %1 页</source>
        <translation>%1 page(s) scanned</translation>
    </message>
</context>
<context>
    <name>Service</name>
    <message>
        <location filename="../../kiosk/screens/labels.py" line="+12"/>
        <source>办件进度查询</source>
        <translation>Check case progress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证明打印</source>
        <translation>Print a certificate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自助申报</source>
        <translation>Self-service application</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新生儿参保登记</source>
        <translation>Newborn medical insurance enrolment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取号排队</source>
        <translation>Take a queue ticket</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>扫描受理回执上的二维码或放身份证，查看办件进度</source>
        <translation>Scan the QR code on your acceptance receipt or place your ID card to see how your case is progressing</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>打印无犯罪记录证明等证明材料</source>
        <translation>Print certificates such as the certificate of no criminal record</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自己申报“一件事”，材料用电子证照或现场拍摄</source>
        <translation>Apply for a “one-thing bundle” yourself, with e-licences or photos taken here as materials</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出生即参保：为宝宝办理城乡居民医保参保登记</source>
        <translation>Insured from birth: enrol your baby in the urban and rural residents&apos; medical insurance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>到窗口办事先取号，可刷身份证或不刷证</source>
        <translation>A ticket for the service windows, with or without your ID card</translation>
    </message>
</context>
<context>
    <name>ServicePanel</name>
    <message>
        <location filename="../../kiosk/maintenance_panel.py" line="+117"/>
        <source>外设</source>
        <translation>Devices</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>重新检测外设</source>
        <translation>Check devices again</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>打印测试页</source>
        <translation>Print test page</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>返回服务</source>
        <translation>Back to service</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>退出程序</source>
        <translation>Exit program</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>退出自助终端程序</source>
        <translation>Exit the kiosk program</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>医院出生即参保</source>
        <translation>Hospital: newborn enrolment at birth</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>政务大厅</source>
        <translation>Government service hall</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>设备编号 %1-%2</source>
        <translation>Device number %1-%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>未设置设备身份（行政区划代码和设备编号），本机暂停服务：请在配置文件中设置，或登记到省级平台（tongban sync enroll --region，由平台分配设备编号）</source>
        <translation>No device identity (region code and device number) is set, so this kiosk is out of service: set it in the configuration file, or enrol with the provincial platform (tongban sync enroll --region; the platform assigns the device number)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 · 模式：%2 · 版本 %3</source>
        <translation>%1 · mode: %2 · version %3</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>未配置</source>
        <translation>Not configured</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>正常</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>异常</source>
        <translation>Fault</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1：%2&#x3000;%3</source>
        <translation>%1: %2  %3</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>正在检测小票打印机和高拍仪。身份证阅读器请放一张证件、扫码枪请扫一个码来试。</source>
        <translation>Checking the receipt printer and the document camera. To test the ID card reader, place a card on it; to test the code scanner, scan a code.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>小票打印机未配置。请在设备配置文件的 [devices] 中设置。</source>
        <translation>The receipt printer is not configured. Set it in [devices] of the device configuration file.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>正在打印测试页…</source>
        <translation>Printing a test page…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>测试页已打印：中文、二维码和条码都应清楚。</source>
        <translation>Test page printed: the Chinese text, the QR code and the barcode should all be clear.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>测试页没有打印出来：%1。请检查纸张和连线后再试。</source>
        <translation>The test page did not print: %1. Check the paper and the cables, then try again.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1
本机标识 %2</source>
        <translation>%1
Device ID %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>本机未登记到政务服务平台，只能离线服务</source>
        <translation>This device is not enrolled with the government service platform and can only work offline</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>尚未连上平台</source>
        <translation>Not connected to the platform yet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>在线</source>
        <translation>Online</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>离线（联网后自动上传）</source>
        <translation>Offline (uploads automatically once online)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>从未</source>
        <translation>Never</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>平台连接：%1
待上传：%2 条
上次同步成功：%3</source>
        <translation>Platform connection: %1
Waiting to upload: %2 record(s)
Last successful sync: %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>
上次出错：%1</source>
        <translation>
Last error: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>本机数据读取失败：%1</source>
        <translation>Could not read this device&apos;s data: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>已开始同步，完成后这里会更新。</source>
        <translation>Sync started; this will update when it finishes.</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../window_client/dialogs/setup.py" line="+92"/>
        <source>通办 · 新设备首次设置</source>
        <translation>Tongban · First-run setup</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>通办 · 设置设备身份</source>
        <translation>Tongban · Set the device identity</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>这是本机第一次启动：请登记到省级平台（或离线启动）、测试外设、创建初始管理员。</source>
        <translation>This device runs for the first time: enroll it with the provincial platform (or start offline), test the devices and create the first administrator.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>本机尚未设置设备身份（行政区划代码和设备编号），不能受理办件：两台设备编号相同，办件编号就会重复。请联网登记，由平台分配设备编号（需新的注册码）；或离线启动，填写分配给本机的设备编号。最后由管理员确认。</source>
        <translation>This device has no identity yet (region code and device number), so it cannot take in cases: two devices with the same number would issue the same case numbers. Enrol online and let the platform assign the device number (a new enrolment code is needed), or start offline and enter the device number assigned to this device. An administrator confirms at the end.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>本机</source>
        <translation>This device</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>由平台分配（联网登记）</source>
        <translation>Assigned by the platform (enrol online)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>综合受理窗口</source>
        <translation>Comprehensive window</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>外出帮办代办（笔记本）</source>
        <translation>Outreach proxy helper (laptop)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>设备编号（1–999）</source>
        <translation>Device number (1–999)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用途</source>
        <translation>Use</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>省级平台</source>
        <translation>Provincial platform</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>联网登记（输入平台地址和一次性注册码）</source>
        <translation>Enroll online (platform address and one-time code)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>离线启动（外出帮办，回到有网络的地方再登记）</source>
        <translation>Start offline (outreach; enroll later where there is a network)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>平台地址</source>
        <translation>Platform address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>注册码</source>
        <translation>Enrollment code</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>登记本机</source>
        <translation>Enroll</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>外设</source>
        <translation>Devices</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>设备地址如 serial:/dev/ttyUSB0?baudrate=115200、tcp:10.0.0.5:9100、camera:0；演示用 sim。</source>
        <translation>Device addresses such as serial:/dev/ttyUSB0?baudrate=115200, tcp:10.0.0.5:9100, camera:0; sim for a demonstration.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>测试</source>
        <translation>Test</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>管理员确认</source>
        <translation>Administrator&apos;s confirmation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>初始管理员</source>
        <translation>First administrator</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>本机已有工作人员账号：请管理员输入工号和密码，确认以上设置。</source>
        <translation>This device has staff accounts: an administrator enters their staff ID and password to confirm these settings.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>工号</source>
        <translation>Staff ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>密码（至少 8 位）</source>
        <translation>Password (at least 8 characters)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>再次输入密码</source>
        <translation>Password again</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>✓ 已登记，设备编号 %1-%2；工作人员账号将自动同步</source>
        <translation>✓ Enrolled as device %1-%2; staff accounts will sync by themselves</translation>
    </message>
    <message>
        <location line="-118"/>
        <source>完成设置</source>
        <translation>Finish setup</translation>
    </message>
    <message>
        <location line="-80"/>
        <source>大厅名称（印在回执上）</source>
        <translation>Hall name (printed on receipts)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>行政区划代码（6 位）</source>
        <translation>Region code (6 digits)</translation>
    </message>
    <message>
        <location line="+140"/>
        <source>请填写大厅名称：它印在每一张回执上。</source>
        <translation>Please enter the hall name: it is printed on every receipt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请填写本机的设备编号（1–999），或选择联网登记，由平台分配。</source>
        <translation>Enter this device&apos;s number (1–999), or choose to enrol online and let the platform assign it.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>行政区划代码应为 6 位数字、不以 0 开头（GB/T 2260，如 320115）。</source>
        <translation>The region code has 6 digits and does not start with 0 (GB/T 2260, e.g. 320115).</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>请填写平台地址和注册码</source>
        <translation>Enter the platform address and the code</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>正在登记…</source>
        <translation>Enrolling…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>登记没有成功：%1</source>
        <translation>Enrollment failed: %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>未配置</source>
        <translation>Not configured</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>模拟设备（演示用），启动时自动运行</source>
        <translation>Simulated device (demonstration), started with the client</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>正在测试…</source>
        <translation>Testing…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>请先登记本机，或选择“离线启动”。</source>
        <translation>Enroll the device first, or choose “Start offline”.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>两次输入的密码不一致</source>
        <translation>The passwords differ</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <location filename="../../qtkit/widgets/signature.py" line="+202"/>
        <source>请在此处签名</source>
        <translation>Please sign here</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>签名区</source>
        <translation>Signature area</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>用手指、触控笔或鼠标在此签名；按删除键清除</source>
        <translation>Sign here with a finger, a stylus or the mouse; press Delete to clear</translation>
    </message>
</context>
<context>
    <name>SignaturePage</name>
    <message>
        <location filename="../../window_client/intake/signature_page.py" line="+30"/>
        <source>签名确认</source>
        <translation>Signature</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>申请人核对的内容</source>
        <translation>What the applicant confirms</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+31"/>
        <source>请申请人签名</source>
        <translation>Ask the applicant to sign</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>已在申请人面前的签名屏上显示，请申请人核对后签名。</source>
        <translation>Shown on the applicant&apos;s signature screen: the applicant checks and signs.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请把签名板（或屏幕）转向申请人，核对后签名。</source>
        <translation>Turn the pad (or screen) to the applicant to check and sign.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>重新签名</source>
        <translation>Sign again</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>尚未签名</source>
        <translation>Not signed yet</translation>
    </message>
</context>
<context>
    <name>StaffRoles</name>
    <message>
        <location filename="../../qtkit/message_texts.py" line="+42"/>
        <source>窗口人员</source>
        <translation>window staff</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>值班长</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>帮办代办员</source>
        <translation>outreach helper</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>管理员</source>
        <translation>administrator</translation>
    </message>
</context>
<context>
    <name>StatusBarPanel</name>
    <message>
        <location filename="../../window_client/status.py" line="+171"/>
        <source>本机数据读取失败：%1</source>
        <translation>Could not read this device&apos;s data: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+25"/>
        <source>待上传 %n 条（登记平台后才会上传）</source>
        <translation>
            <numerusform>%n record to upload (uploaded once enrolled)</numerusform>
            <numerusform>%n records to upload (uploaded once enrolled)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>隔离 %n 件</source>
        <translation>
            <numerusform>%n quarantined</numerusform>
            <numerusform>%n quarantined</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>需返工 %n 件</source>
        <translation>
            <numerusform>%n sent back</numerusform>
            <numerusform>%n sent back</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>待重打回执 %n 份</source>
        <translation>
            <numerusform>%n receipt to reprint</numerusform>
            <numerusform>%n receipts to reprint</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>叫号记录待上传 %n 条</source>
        <translation>
            <numerusform>%n queue step to send</numerusform>
            <numerusform>%n queue steps to send</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>本机时间与平台相差约 %n 分钟，请校准</source>
        <translation>
            <numerusform>device clock off by about %n minute: please correct it</numerusform>
            <numerusform>device clock off by about %n minutes: please correct it</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>未登记平台（办件保存在本机）</source>
        <translation>Not enrolled with a platform (cases kept on this device)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>状态栏</source>
        <translation>Status bar</translation>
    </message>
</context>
<context>
    <name>StepRail</name>
    <message>
        <location filename="../../qtkit/widgets/step_rail.py" line="+197"/>
        <source>办理进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已完成，可返回修改</source>
        <translation>done, you can go back to change it</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>当前步骤</source>
        <translation>current step</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>尚未开始</source>
        <translation>not started yet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第 %1 步，共 %2 步：%3（%4）</source>
        <translation>Step %1 of %2: %3 (%4)</translation>
    </message>
</context>
<context>
    <name>Summary</name>
    <message>
        <location filename="../../window_client/intake/summary.py" line="+24"/>
        <source>事项：%1</source>
        <translation>Matter: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>申请人：%1（%2）</source>
        <translation>Applicant: %1 (%2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>同时办理：%1</source>
        <translation>Together: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>承诺办结：%1</source>
        <translation>Promised completion: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>待补材料：%1，请于 %2 前补齐</source>
        <translation>To supply: %1, by %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>告知承诺：%1</source>
        <translation>Commitment: %1</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <location filename="../../qtkit/widgets/sync_status.py" line="+161"/>
        <source>连接状态未知</source>
        <translation>Connection unknown</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>在线</source>
        <translation>Online</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>离线（数据已保存在本机）</source>
        <translation>Offline (data is saved on this device)</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>待上传 %n 条</source>
        <translation>
            <numerusform>%n record waiting to upload</numerusform>
            <numerusform>%n records waiting to upload</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>正在同步 %1/%2</source>
        <translation>Syncing %1/%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>正在同步…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>上次同步未成功：%1</source>
        <translation>Last sync failed: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>上次同步：%1</source>
        <translation>Last sync: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>尚未同步</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>同步进度</source>
        <translation>Sync progress</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>数据同步状态</source>
        <translation>Data sync status</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+1"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="+57"/>
        <source>取号排队</source>
        <translation>Take a queue ticket</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>请把身份证放在读卡区：窗口叫到您的号时，可以直接调出您的信息，不用再填写。</source>
        <translation>Place your ID card on the reader: when your number is called, the window can bring up your details, with nothing to fill in again.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>不刷身份证取号</source>
        <translation>Take a ticket without an ID card</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>请选择要办理的事项：</source>
        <translation>Choose what you have come to do:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>上一页</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>您是否属于以下可以优先办理的情形？选择后，到窗口时请向工作人员出示证件。</source>
        <translation>Are you entitled to priority service? If you choose one, show the document to the staff at the window.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1
请出示：%2</source>
        <translation>%1
Please show: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>都不是，直接取号</source>
        <translation>None of these, take the ticket</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket_done.py" line="+38"/>
        <source>继续办理其他业务</source>
        <translation>Do something else</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../kiosk/screens/ticket.py" line="+24"/>
        <source>请放身份证取号，或点“不刷身份证取号”。</source>
        <translation>Place your ID card to take a ticket, or tap “Take a ticket without an ID card”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请选择要办理的事项。</source>
        <translation>Choose what you have come to do.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>%1，您好。您的号码会关联您的身份证，窗口可直接调出您的信息。</source>
        <translation>Hello, %1. Your ticket is linked to your ID card: the window can bring up your details.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>未刷身份证取号：到窗口时请带好身份证。</source>
        <translation>Ticket without an ID card: bring your ID card to the window.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>第 %1 / %2 页</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+85"/>
        <source>办理：%1</source>
        <translation>For: %1</translation>
    </message>
    <message>
        <location line="-81"/>
        <source>是否属于优先办理的情形？不属于请点“直接取号”。</source>
        <translation>Are you entitled to priority service? If not, tap “take the ticket”.</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+21"/>
        <source>正在取号，请稍候…</source>
        <translation>Taking your ticket, please wait…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>暂时无法取号，请到人工窗口取号。</source>
        <translation>No ticket can be issued right now. Please ask at a staffed window.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>正在打印排队凭条，请稍候…</source>
        <translation>Printing your ticket, please wait…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>打印机没有回应</source>
        <translation>the printer did not answer</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>打印机出现故障</source>
        <translation>the printer has a fault</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>前面还有 %1 人</source>
        <translation>%1 people ahead of you</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>叫号系统暂时离线：请留意窗口叫号</source>
        <translation>The calling system is offline for now: watch the windows for your number</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请在出纸口取走排队凭条，在等候区留意叫号。</source>
        <translation>Take your ticket from the slot and wait for your number to be called.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>排队凭条没有打印出来（%1）。号码仍然有效，请记住您的号码 %2，叫到时到窗口报号码。</source>
        <translation>Your ticket was not printed (%1). The number is still valid: remember %2 and tell it at the window when it is called.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>您的号码是 %1。%2</source>
        <translation>Your number is %1. %2</translation>
    </message>
</context>
<context>
    <name>TimelinePlurals</name>
    <message numerus="yes">
        <location filename="../../window_client/cases/timeline.py" line="-107"/>
        <source>%n 页扫描件</source>
        <translation>
            <numerusform>%n scanned page</numerusform>
            <numerusform>%n scanned pages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WindowApp</name>
    <message>
        <location filename="../../window_client/app.py" line="+211"/>
        <source>本机还没有工作人员账号：正在从省级平台同步，请稍候再登录。</source>
        <translation>No staff accounts on this device yet: syncing them from the provincial platform, log in shortly.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>本机数据无法打开：%1</source>
        <translation>The local data cannot be opened: %1</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>区划 %1 · 设备 %2 · %3</source>
        <translation>Region %1 · device %2 · %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>帮办代办（外出）</source>
        <translation>Proxy helper (outreach)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>综合受理窗口</source>
        <translation>Comprehensive window</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本机尚未设置设备身份</source>
        <translation>This device has no identity yet</translation>
    </message>
    <message>
        <location line="+130"/>
        <source>通办</source>
        <translation>Tongban</translation>
    </message>
</context>
</TS>
