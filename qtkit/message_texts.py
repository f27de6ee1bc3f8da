"""The texts of qtkit.messages: a Chinese template per error code, and the words params may hold.

Source strings are Simplified Chinese and literal, so pyside6-lupdate extracts them into
assets/translations (qtkit/i18n.py); the English catalogue gives each its translation. A template
names its params as ``{name}``; a translation keeps every ``{name}`` (tests/qtkit/test_messages.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from PySide6.QtCore import QT_TRANSLATE_NOOP

# Literal source strings only: lupdate reads the QT_TRANSLATE_NOOP calls (qtkit/i18n.py).
TEMPLATES: Final[Mapping[str, object]] = {  # QT_TRANSLATE_NOOP is typed as object
    # -- ID document numbers (core.validation.idnumbers, id_cards) --
    "id_number.empty": QT_TRANSLATE_NOOP("Messages", "请填写身份证件号码"),
    "id_number.legacy_15": QT_TRANSLATE_NOOP(
        "Messages", "这是 15 位的旧身份证号码，已停止使用，请提供 18 位的公民身份号码"
    ),
    "id_number.length": QT_TRANSLATE_NOOP("Messages", "{doc}应为 18 位，现在是 {length} 位"),
    "id_number.region": QT_TRANSLATE_NOOP("Messages", "{doc}前六位 {region} 不是有效的行政区划代码"),
    "id_number.foreign_length": QT_TRANSLATE_NOOP(
        "Messages", "外国人永久居留身份证号码应为 15 位（3 个字母加 12 位数字），现在是 {length} 位"
    ),
    "id_number.foreign_nationality": QT_TRANSLATE_NOOP(
        "Messages", "外国人永久居留身份证号码前三位应为国籍代码（3 个英文字母），现在是“{prefix}”"
    ),
    "id_number.foreign_region": QT_TRANSLATE_NOOP(
        "Messages", "外国人永久居留身份证号码第 4–7 位 {region} 不是有效的受理地区代码"
    ),
    "id_number.not_digit": QT_TRANSLATE_NOOP("Messages", "{doc}第 {position} 位“{char}”应为数字"),
    "id_number.last_char": QT_TRANSLATE_NOOP("Messages", "{doc}最后一位应为数字或 X，现在是“{char}”"),
    "id_number.check_digit": QT_TRANSLATE_NOOP("Messages", "{doc}校验位不正确（最后一位应为 {expected}）"),
    "id_number.birth_date_invalid": QT_TRANSLATE_NOOP("Messages", "{doc}中的出生日期 {digits} 不存在"),
    "id_number.birth_date_future": QT_TRANSLATE_NOOP("Messages", "{doc}中的出生日期 {digits} 晚于今天"),
    "id_number.birth_date_early": QT_TRANSLATE_NOOP("Messages", "{doc}中的出生日期 {digits} 早于 1900 年"),
    "card.unknown_kind": QT_TRANSLATE_NOOP("Messages", "不认识的证件类型“{kind}”"),
    "card.number_kind": QT_TRANSLATE_NOOP("Messages", "证件号码不是{doc}的号码"),
    "card.birth_date_mismatch": QT_TRANSLATE_NOOP("Messages", "证件号码中的出生日期与证件上的出生日期不一致"),
    "card.sex_mismatch": QT_TRANSLATE_NOOP("Messages", "证件号码中的性别与证件上的性别不一致"),
    # -- mobile numbers and form fields (core.validation.contact, fields) --
    "phone.empty": QT_TRANSLATE_NOOP("Messages", "请填写手机号码"),
    "phone.not_digit": QT_TRANSLATE_NOOP("Messages", "手机号码只能包含数字，现在有“{char}”"),
    "phone.length": QT_TRANSLATE_NOOP("Messages", "手机号码应为 11 位，现在是 {length} 位"),
    "phone.prefix": QT_TRANSLATE_NOOP("Messages", "手机号码应以 13–19 开头，现在是“{prefix}”"),
    "phone.extension": QT_TRANSLATE_NOOP("Messages", "手机号码不能带分机号"),
    "phone.landline_area": QT_TRANSLATE_NOOP(
        "Messages", "固定电话请加区号，如 025-52345678；手机号码应以 1 开头"
    ),
    "phone.landline_area_unknown": QT_TRANSLATE_NOOP("Messages", "区号“{area}”不存在，请核对"),
    "phone.landline_local": QT_TRANSLATE_NOOP(
        "Messages", "固定电话号码（区号后）应为 7 或 8 位、不以 0 或 1 开头，现在是“{local}”"
    ),
    "field.required": QT_TRANSLATE_NOOP("Messages", "请填写{label}"),
    "field.bad_format": QT_TRANSLATE_NOOP("Messages", "{label}格式不正确"),
    "field.control_char": QT_TRANSLATE_NOOP(
        "Messages", "{label}中含有换行或不可见的控制字符，请删除后重新输入"
    ),
    "field.too_long": QT_TRANSLATE_NOOP("Messages", "{label}不能超过 {limit} 个字，现在是 {length} 个字"),
    "field.not_integer": QT_TRANSLATE_NOOP("Messages", "{label}应为整数"),
    "field.not_option": QT_TRANSLATE_NOOP("Messages", "{label}只能从给定的选项中选择（{options}）"),
    "name.bad_char": QT_TRANSLATE_NOOP("Messages", "{label}中不能有数字、符号或控制字符，请检查“{char}”"),
    "name.control_char": QT_TRANSLATE_NOOP("Messages", "{label}中不能有数字、符号或控制字符"),
    "name.interpunct": QT_TRANSLATE_NOOP("Messages", "{label}中的“·”不能在开头、结尾或连续出现"),
    "name.no_letters": QT_TRANSLATE_NOOP("Messages", "{label}不能只有符号"),
    "date.format": QT_TRANSLATE_NOOP("Messages", "{label}应为“年-月-日”格式，如 2024-05-01"),
    "date.year_range": QT_TRANSLATE_NOOP("Messages", "{label} {date} 的年份不在 1900–2100 之间"),
    "date.not_exist": QT_TRANSLATE_NOOP("Messages", "{label} {date} 不存在"),
    "sex.invalid": QT_TRANSLATE_NOOP("Messages", "{label}应为“男”或“女”"),
    "bank_account.not_digit": QT_TRANSLATE_NOOP("Messages", "{label}只能包含数字，现在有“{char}”"),
    "bank_account.length": QT_TRANSLATE_NOOP("Messages", "{label}应为 12–30 位数字，现在是 {length} 位"),
    # -- typed documents (core.validation.travel_documents, core.cases.applicants); the codes whose
    # params hold a Chinese document name fall back to their English detail --
    "nationality.empty": QT_TRANSLATE_NOOP("Messages", "请填写国籍（护照上的三位字母代码，如 USA）"),
    "nationality.shape": QT_TRANSLATE_NOOP(
        "Messages", "国籍应为护照上的三位字母代码（如 USA、GBR、JPN），现在是“{code}”"
    ),
    "nationality.chinese": QT_TRANSLATE_NOOP(
        "Messages", "国籍为 CHN 的是中国护照，不是外国护照；中国公民请使用居民身份证"
    ),
    "residence_permit.shape": QT_TRANSLATE_NOOP(
        "Messages", "居留许可号码应为 6–20 位英文字母或数字，现在是“{number}”"
    ),
    "latin_name.shape": QT_TRANSLATE_NOOP(
        "Messages", "外文姓名只能用英文字母、空格和 - ' . ,（不超过 {limit} 个字符），请按证件填写"
    ),
    "birth_date.future": QT_TRANSLATE_NOOP("Messages", "出生日期 {date} 晚于今天，请按证件核对"),
    "applicant.sex_mismatch": QT_TRANSLATE_NOOP("Messages", "性别与证件号码不一致，请核对"),
    "applicant.birth_date_mismatch": QT_TRANSLATE_NOOP("Messages", "出生日期与证件号码不一致，请核对"),
    # -- the intake's rules (core.cases.intake) --
    "applicant.unknown_key": QT_TRANSLATE_NOOP("Messages", "申请人信息中没有“{key}”这一项"),
    "answers.unanswered": QT_TRANSLATE_NOOP("Messages", "请回答情形问题：{question}"),
    "material.unhandled": QT_TRANSLATE_NOOP(
        "Messages", "材料“{name}”尚未处理：请登记为已收、已扫描、电子证照、承诺或容缺"
    ),
    "material.not_collected": QT_TRANSLATE_NOOP("Messages", "材料“{name}”尚未收取，不能受理"),
    "material.not_generated": QT_TRANSLATE_NOOP("Messages", "材料“{name}”需要申请人提供，不是系统生成的"),
    "material.no_licence": QT_TRANSLATE_NOOP(
        "Messages", "材料“{name}”没有对应的电子证照，请收取纸质材料或扫描"
    ),
    "material.no_pages": QT_TRANSLATE_NOOP("Messages", "材料“{name}”登记为已扫描，但没有扫描页"),
    "material.no_commitment": QT_TRANSLATE_NOOP("Messages", "材料“{name}”不适用告知承诺，请提交材料"),
    "material.not_deferrable": QT_TRANSLATE_NOOP("Messages", "材料“{name}”是核心材料，不能容缺受理"),
    "material.no_limit_for_deferral": QT_TRANSLATE_NOOP(
        "Messages", "“{name}”所属事项未公布办理时限，不能容缺受理，请收齐材料或按补正处理"
    ),
    "material.not_listed": QT_TRANSLATE_NOOP(
        "Messages", "本情形不需要材料“{material}”，请核对情形问题的回答"
    ),
    "deficiency.deadline_past": QT_TRANSLATE_NOOP("Messages", "材料“{name}”的补齐期限应晚于今天"),
    "deficiency.deadline_late": QT_TRANSLATE_NOOP(
        "Messages", "材料“{name}”的补齐期限最晚为 {limit}（须在承诺办结前留给部门办理时间）"
    ),
    "material.limit_too_short_for_deferral": QT_TRANSLATE_NOOP(
        "Messages",
        "“{name}”所属事项承诺 {days} 个工作日办结，补齐期限须比承诺时限早 {reserve} 个工作日以上，"
        "不能容缺受理，请收齐材料或按补正处理",
    ),
    "deficiency.deadline_unexpected": QT_TRANSLATE_NOOP(
        "Messages", "只有容缺材料才有补齐期限（材料“{name}”）"
    ),
    "proxy.self": QT_TRANSLATE_NOOP("Messages", "代办人不能是申请人本人"),
    "proxy.no_scope": QT_TRANSLATE_NOOP("Messages", "请填写委托事项"),
    "proxy.expired": QT_TRANSLATE_NOOP("Messages", "委托有效期已过，请重新办理委托"),
    "proxy.no_signature": QT_TRANSLATE_NOOP("Messages", "请委托人在委托书上签名"),
    "proxy.no_photo": QT_TRANSLATE_NOOP("Messages", "请拍摄委托现场照片"),
    "signature.empty": QT_TRANSLATE_NOOP("Messages", "签名为空，请申请人重新签名"),
    "form.unknown_field": QT_TRANSLATE_NOOP("Messages", "本事项的申请表中没有“{field}”这一栏"),
    "form.required": QT_TRANSLATE_NOOP("Messages", "请填写“{label}”"),
    # -- the catalog's cross-field checks (core.catalog.checks) and rules (core.rules) --
    "check.sex_female": QT_TRANSLATE_NOOP("Messages", "{label}是男性的号码，应为女性，请核对"),
    "check.sex_male": QT_TRANSLATE_NOOP("Messages", "{label}是女性的号码，应为男性，请核对"),
    "check.age_band": QT_TRANSLATE_NOOP(
        "Messages", "{label} {date} 与情形“{question}”的回答“{answer}”不一致，请核对出生日期或修改回答"
    ),
    "check.age_limit": QT_TRANSLATE_NOOP("Messages", "{label} {date} 距今已超过 {days} 天。{note}"),
    "check.answers": QT_TRANSLATE_NOOP("Messages", "{message}"),
    "check.min_contribution": QT_TRANSLATE_NOOP(
        "Messages",
        "基本养老保险累计缴费 {have}，{year} 年开始按月领取基本养老金的最低缴费年限为 {need}，还差 {short}。{note}",
    ),
    "check.retirement_sex": QT_TRANSLATE_NOOP(
        "Messages", "身份证显示申请人是{sex}，与“{category}”不符，请核对退休人员类别"
    ),
    "check.retirement_before": QT_TRANSLATE_NOOP(
        "Messages",
        "申请人 {born} 出生，按“{category}”法定退休年龄为 {age_years} 岁 {age_months} 个月，{retire} 到龄；"
        "申请退休时间 {date} 早于 {first}，不能按“{kind}”办理",
    ),
    "check.retirement_after": QT_TRANSLATE_NOOP(
        "Messages",
        "申请人 {born} 出生，按“{category}”法定退休年龄为 {age_years} 岁 {age_months} 个月，{retire} 到龄；"
        "申请退休时间 {date} 晚于 {last}，不能按“{kind}”办理",
    ),
    "check.retirement_none": QT_TRANSLATE_NOOP(
        "Messages",
        "申请人 {born} 出生，按“{category}”法定退休年龄为 {age_years} 岁 {age_months} 个月，{retire} 到龄，"
        "法定退休年龄没有延迟，不能按“{kind}”办理",
    ),
    "rules.bad_month": QT_TRANSLATE_NOOP("Messages", "“{text}”不是有效的年月，请写成 YYYY-MM，如 1966-06"),
    # -- what blocks a step of a flow (core.flows: Problem) --
    "intake.accepted": QT_TRANSLATE_NOOP("Messages", "本件已受理，请开始新的受理。"),
    "intake.press_accept": QT_TRANSLATE_NOOP("Messages", "请点击“确认受理”。"),
    "bundle.required": QT_TRANSLATE_NOOP("Messages", "请选择要办理的事项"),
    "answers.open": QT_TRANSLATE_NOOP("Messages", "请回答：{question}"),
    "signature.required": QT_TRANSLATE_NOOP("Messages", "请申请人签名确认"),
    "card.not_yet_valid": QT_TRANSLATE_NOOP(
        "Messages", "证件尚未生效（有效期自 {date} 起）。请核对证件和本机日期。"
    ),
    "card.expired": QT_TRANSLATE_NOOP("Messages", "证件已过有效期（有效期至 {date}）。"),
    "newborn.licence_not_found": QT_TRANSLATE_NOOP(
        "Messages",
        "政务服务平台上暂未查到这张出生医学证明的电子证照（可能刚签发）。请核对编号；"
        "核对无误可继续办理，由医保部门核验。",
    ),
    "newborn.licence_number_differs": QT_TRANSLATE_NOOP(
        "Messages",
        "您名下出生医学证明的编号是 {number}，与输入的 {typed} 不一致。请核对证明上的编号后重新输入。",
    ),
    "newborn.sex_invalid": QT_TRANSLATE_NOOP("Messages", "请选择宝宝的性别：男或女"),
    "newborn.birth_date_required": QT_TRANSLATE_NOOP("Messages", "请选择宝宝的出生日期"),
    "newborn.birth_date_future": QT_TRANSLATE_NOOP(
        "Messages", "出生日期不能晚于今天（{today}），请往前选择。"
    ),
    "newborn.birth_date_before_parent": QT_TRANSLATE_NOOP(
        "Messages", "宝宝的出生日期不能早于您本人的出生日期，请核对后重新选择。"
    ),
    "newborn.too_old": QT_TRANSLATE_NOOP(
        "Messages",
        "宝宝已满一周岁，不能在医院自助点办理出生即参保。请带出生医学证明和户口簿到医保经办窗口办理参保登记。",
    ),
    "newborn.cert_required": QT_TRANSLATE_NOOP("Messages", "请扫描或输入出生医学证明编号"),
    "newborn.name_required": QT_TRANSLATE_NOOP("Messages", "请填写宝宝的姓名"),
    "newborn.sex_required": QT_TRANSLATE_NOOP("Messages", "请选择宝宝的性别"),
    "newborn.phone_required": QT_TRANSLATE_NOOP("Messages", "请输入您的手机号码"),
    "newborn.payment_required": QT_TRANSLATE_NOOP("Messages", "请选择缴费情况"),
    "newborn.payment_amount_required": QT_TRANSLATE_NOOP(
        "Messages", "请输入缴费金额（元），按缴费凭证或手机上的缴费记录填写。"
    ),
    "newborn.payment_amount_invalid": QT_TRANSLATE_NOOP(
        "Messages", "缴费金额应为 1 到 {max} 之间的整数（元），请核对。"
    ),
    "newborn.payment_receipt_invalid": QT_TRANSLATE_NOOP(
        "Messages", "缴费凭证号应为 6 到 30 位数字或字母，请核对；没有凭证号可以不填。"
    ),
    # -- staff (core.staff) --
    "login.locked": QT_TRANSLATE_NOOP("Messages", "登录失败次数过多，请 {minutes} 分钟后再试。"),
    "login.bad_credentials": QT_TRANSLATE_NOOP("Messages", "工号或密码不正确（还可尝试 {left} 次）。"),
    "login.disabled": QT_TRANSLATE_NOOP("Messages", "该账号已停用，请联系管理员。"),
    "login.not_permitted": QT_TRANSLATE_NOOP("Messages", "{staff_role}无权执行此操作，请值班长确认。"),
    "staff.accounts_exist": QT_TRANSLATE_NOOP("Messages", "本机已有工作人员账号，不能再创建初始管理员。"),
    "staff.incomplete": QT_TRANSLATE_NOOP("Messages", "请填写工号和姓名"),
    "password.too_short": QT_TRANSLATE_NOOP("Messages", "密码至少 8 位"),
    # -- the store and the device key (core.store, core.crypto) --
    "store.database": QT_TRANSLATE_NOOP(
        "Messages", "本地数据库出错，操作未完成。请重试；如反复出现请联系运维人员。"
    ),
    "store.permission": QT_TRANSLATE_NOOP(
        "Messages", "没有权限读写 {path}（权限被拒绝），操作未完成。请联系运维人员检查数据目录的权限。"
    ),
    "store.permission_data_dir": QT_TRANSLATE_NOOP(
        "Messages", "没有权限读写数据目录（权限被拒绝），操作未完成。请联系运维人员检查数据目录的权限。"
    ),
    "store.io": QT_TRANSLATE_NOOP(
        "Messages", "本地存储读写失败（磁盘已满或没有权限？），操作未完成。请联系运维人员。"
    ),
    "store.not_writable": QT_TRANSLATE_NOOP(
        "Messages",
        "没有权限写入 {path}（权限被拒绝），通办无法保存数据。"
        "请让运行通办的系统账号对该目录有读写权限，或用 --data-dir 换一个数据目录。",
    ),
    "store.database_lost": QT_TRANSLATE_NOOP(
        "Messages",
        "本机数据库 {database} 不见了或已被清空，但 {proof} 说明本机曾有数据。"
        "为免重复发放办件编号、丢失平台登记，通办不会新建数据库：请从备份恢复该数据库文件"
        "（连同 {name}-wal，如有）后再启动；没有备份请联系运维人员。切勿删除设备密钥。",
    ),
    "store.newer_version": QT_TRANSLATE_NOOP(
        "Messages", "数据库 {database} 由更新版本的通办创建，请先升级本程序。"
    ),
    "key.lost": QT_TRANSLATE_NOOP(
        "Messages",
        "找不到设备密钥文件 {key}，但本机已有数据库 {database}。没有原来的密钥就无法读取已有数据："
        "请从备份恢复密钥文件（或设置 TONGBAN_DEVICE_KEY_FILE 指向它），切勿删除数据库。",
    ),
    "key.supplied_missing": QT_TRANSLATE_NOOP("Messages", "部署指定的设备密钥文件 {key} 不存在。"),
    "key.mismatch": QT_TRANSLATE_NOOP(
        "Messages",
        "设备密钥与本机数据库 {database} 不匹配：这不是创建该数据库时使用的密钥。"
        "请检查 TONGBAN_DEVICE_KEY_FILE 或恢复原来的密钥文件。",
    ),
    "key.missing": QT_TRANSLATE_NOOP("Messages", "找不到设备密钥文件 {key}。"),
    "key.unreadable": QT_TRANSLATE_NOOP("Messages", "无法读取设备密钥文件 {key}。"),
    "key.too_open": QT_TRANSLATE_NOOP(
        "Messages",
        "设备密钥文件 {key} 的权限过宽（同组或其他用户可以读取），已拒绝使用。请执行：chmod 600 {key}",
    ),
    "key.cannot_decrypt": QT_TRANSLATE_NOOP("Messages", "数据无法解密：设备密钥不匹配，或数据已被篡改。"),
    # -- device health (devices.states) --
    "device.not_configured": QT_TRANSLATE_NOOP("Messages", "未配置"),
    "device.ready": QT_TRANSLATE_NOOP("Messages", "就绪"),
    "device.connected": QT_TRANSLATE_NOOP("Messages", "已连接"),
    "device.started": QT_TRANSLATE_NOOP("Messages", "已启动"),
    "device.unexpected": QT_TRANSLATE_NOOP("Messages", "出错（已记入日志）"),
    "printer.paper_near_end": QT_TRANSLATE_NOOP("Messages", "纸将尽，请准备换纸"),
    "printer.status_unreadable": QT_TRANSLATE_NOOP("Messages", "已连接（该连接方式读不到打印机状态）"),
    "scanner.camera_ready": QT_TRANSLATE_NOOP("Messages", "摄像头可用"),
    "camera.ready": QT_TRANSLATE_NOOP("Messages", "就绪（{width}×{height}）"),
    "id_reader.connected": QT_TRANSLATE_NOOP("Messages", "已连接"),
    "id_reader.disconnected": QT_TRANSLATE_NOOP("Messages", "已断开，正在重连"),
    "id_reader.not_responding": QT_TRANSLATE_NOOP("Messages", "没有应答"),
    "id_reader.fault": QT_TRANSLATE_NOOP("Messages", "故障"),
    "id_reader.no_card": QT_TRANSLATE_NOOP("Messages", "就绪，请放置证件"),
    "id_reader.reading": QT_TRANSLATE_NOOP("Messages", "正在读卡"),
    "id_reader.awaiting_removal": QT_TRANSLATE_NOOP("Messages", "已读取，请取走证件"),
    "id_reader.stopped": QT_TRANSLATE_NOOP("Messages", "已停止"),
    # -- device errors (devices) --
    "device.unknown_role": QT_TRANSLATE_NOOP("Messages", "不认识的外设类型“{role}”"),
    "device.role_not_configured": QT_TRANSLATE_NOOP("Messages", "{role}未配置"),
    "print.unexpected": QT_TRANSLATE_NOOP("Messages", "打印出错（已记入日志）"),
    "id_reader.not_found": QT_TRANSLATE_NOOP(
        "Messages", "找不到身份证阅读器（{port}），请检查阅读器是否接好、端口设置是否正确"
    ),
    "id_reader.no_answer": QT_TRANSLATE_NOOP("Messages", "身份证阅读器没有应答，请检查阅读器电源和连接线"),
    "id_reader.truncated": QT_TRANSLATE_NOOP("Messages", "阅读器应答不完整，请将证件取走后重新放置"),
    "id_reader.read_timeout": QT_TRANSLATE_NOOP(
        "Messages", "{seconds} 秒内没有读到证件，请将证件平放在阅读区后重试"
    ),
    "printer.paper_out": QT_TRANSLATE_NOOP("Messages", "打印机缺纸，请装纸后重试"),
    "printer.paper_out_while_printing": QT_TRANSLATE_NOOP(
        "Messages", "打印过程中缺纸，回执可能未打印完整，请装纸后补打"
    ),
    "printer.cover_open": QT_TRANSLATE_NOOP("Messages", "打印机盖未合上，请合上后重试"),
    "printer.cover_open_while_printing": QT_TRANSLATE_NOOP(
        "Messages", "打印过程中打印机盖被打开，请合上后补打"
    ),
    "printer.fault": QT_TRANSLATE_NOOP("Messages", "打印机故障（例如切刀卡纸），请检查后重试"),
    "printer.fault_while_printing": QT_TRANSLATE_NOOP("Messages", "打印机故障（例如切刀卡纸），请检查后重试"),
    "printer.offline": QT_TRANSLATE_NOOP("Messages", "打印机离线，请检查打印机后重试"),
    "printer.offline_while_printing": QT_TRANSLATE_NOOP("Messages", "打印机离线，请检查打印机后重试"),
    "printer.no_answer": QT_TRANSLATE_NOOP("Messages", "打印机无响应，请检查打印机电源和连接后重试"),
    "printer.disconnected": QT_TRANSLATE_NOOP("Messages", "打印机连接中断，请检查连接后重试"),
    "printer.unreachable": QT_TRANSLATE_NOOP(
        "Messages", "连接不到打印机（{printer}），请检查打印机是否开机、网线是否接好、地址是否正确"
    ),
    "printer.port_failed": QT_TRANSLATE_NOOP("Messages", "打不开打印机串口（{port}），请检查串口号和连接线"),
    "scanner.not_connected": QT_TRANSLATE_NOOP("Messages", "扫码枪没有连接"),
    "scanner.not_found": QT_TRANSLATE_NOOP(
        "Messages", "打不开扫码枪（{port}）：请检查扫码枪是否插好、是否设为串口（虚拟串口）模式。"
    ),
    "scanner.disconnected": QT_TRANSLATE_NOOP("Messages", "扫码枪已断开，正在等待重新连接。"),
    "camera.not_found": QT_TRANSLATE_NOOP(
        "Messages", "找不到摄像头 {index}：请检查摄像头（高拍仪）是否插好，或换一个序号，例如 camera:1。"
    ),
    "camera.no_picture": QT_TRANSLATE_NOOP(
        "Messages", "摄像头 {index} 没有画面：可能已被拔出或被其他程序占用。"
    ),
    "camera.timeout": QT_TRANSLATE_NOOP("Messages", "{seconds} 秒内高拍仪没有拍到画面，请检查高拍仪后重试。"),
    # -- sync (sync.transport, client, push, enrollment): "sync." + SyncError.code --
    "sync.unreachable": QT_TRANSLATE_NOOP(
        "Messages", "连不上省级平台（网络中断或平台未开启），本机数据已保存，网络恢复后自动上传。"
    ),
    "sync.timeout": QT_TRANSLATE_NOOP("Messages", "省级平台响应超时，本机数据已保存，稍后自动重试。"),
    "sync.network": QT_TRANSLATE_NOOP("Messages", "与省级平台通信出错，稍后自动重试。"),
    "sync.tls": QT_TRANSLATE_NOOP(
        "Messages", "无法验证省级平台的安全证书，已停止连接。请联系运维人员检查证书配置。"
    ),
    "sync.pin_mismatch": QT_TRANSLATE_NOOP(
        "Messages",
        "平台证书与登记的证书指纹不符，已停止连接（可能连到了假冒的服务器）。请联系运维人员核对平台证书。",
    ),
    "sync.bad_pin": QT_TRANSLATE_NOOP("Messages", "证书指纹格式不正确：应为 64 位十六进制的 SHA-256 指纹。"),
    "sync.bad_url": QT_TRANSLATE_NOOP("Messages", "平台地址格式不正确，请重新登记平台地址。"),
    "sync.not_enrolled": QT_TRANSLATE_NOOP("Messages", "本机尚未在平台登记，请先执行 tongban sync enroll。"),
    "sync.bad_reply": QT_TRANSLATE_NOOP(
        "Messages", "省级平台的应答不符合接口约定，本轮同步已停止（本机数据不受影响）。请联系运维人员。"
    ),
    "sync.attachment_mismatch": QT_TRANSLATE_NOOP("Messages", "平台上的附件与本机不一致。"),
    "sync.attachment_stalled": QT_TRANSLATE_NOOP("Messages", "平台没有收下附件数据。"),
    "sync.busy": QT_TRANSLATE_NOOP(
        "Messages", "省级平台繁忙（HTTP {status}），稍后自动重试。本机数据已保存。"
    ),
    "sync.busy_wait": QT_TRANSLATE_NOOP(
        "Messages", "省级平台繁忙（HTTP {status}），约 {seconds} 秒后重试。本机数据已保存。"
    ),
    "sync.server_error": QT_TRANSLATE_NOOP(
        "Messages", "省级平台暂时出错（HTTP {status}），稍后自动重试。本机数据已保存。"
    ),
    "sync.server_error_wait": QT_TRANSLATE_NOOP(
        "Messages", "省级平台暂时出错（HTTP {status}），约 {seconds} 秒后重试。本机数据已保存。"
    ),
    "sync.clock_ahead": QT_TRANSLATE_NOOP(
        "Messages",
        "本机时钟比平台快{minutes} 分钟，平台拒绝了同步请求。请校准本机日期和时间（或开启自动对时）后再同步。",
    ),
    "sync.clock_behind": QT_TRANSLATE_NOOP(
        "Messages",
        "本机时钟比平台慢{minutes} 分钟，平台拒绝了同步请求。请校准本机日期和时间（或开启自动对时）后再同步。",
    ),
    "sync.clock_skew": QT_TRANSLATE_NOOP(
        "Messages",
        "本机时钟比平台快超过 5 分钟，平台拒绝了同步请求。请校准本机日期和时间（或开启自动对时）后再同步。",
    ),
    # -- not accepted (core.cases.refusal), 告知承诺 and 失信 (core.cases.commitments) --
    "refusal.future": QT_TRANSLATE_NOOP("Messages", "收到申请材料的日期不能晚于今天"),
    "refusal.notice_late": QT_TRANSLATE_NOOP(
        "Messages",
        "收到申请材料（{received}）已超过五个工作日（告知期限 {due}），依法自收到申请材料之日起即为受理"
        "（行政许可法第三十二条），不能再告知补正，请予受理",
    ),
    "refusal.no_reason": QT_TRANSLATE_NOOP("Messages", "请写明不予受理的理由"),
    "refusal.unanswered": QT_TRANSLATE_NOOP(
        "Messages", "请先回答情形问题“{question}”，才能一次性列出需要补正的全部材料"
    ),
    "refusal.nothing_missing": QT_TRANSLATE_NOOP("Messages", "材料已齐全且符合法定形式，无需补正，请予受理"),
    "refusal.not_listed": QT_TRANSLATE_NOOP("Messages", "本情形不需要材料“{material}”，请核对情形问题的回答"),
    "refusal.too_long": QT_TRANSLATE_NOOP("Messages", "内容不能超过 500 个字"),
    "credit.no_commitment": QT_TRANSLATE_NOOP(
        "Messages", "申请人有失信记录，“{name}”不能适用告知承诺，请提交材料（国办发〔2020〕42号）"
    ),
    "credit.no_deferral": QT_TRANSLATE_NOOP(
        "Messages", "申请人有失信记录，“{name}”不能适用容缺受理，请提交材料（国办发〔2020〕42号）"
    ),
    "check.unknown_material": QT_TRANSLATE_NOOP("Messages", "本办件没有材料“{material}”"),
    # -- 特别程序 (core/cases/special_procedures.py) --
    "procedure.no_reason": QT_TRANSLATE_NOOP("Messages", "请说明启动特别程序的原因"),
    "procedure.bad_days": QT_TRANSLATE_NOOP("Messages", "预计所需时间应为 1 至 {most} 个工作日"),
    "procedure.which": QT_TRANSLATE_NOOP("Messages", "本办件有多个特别程序进行中，请指定事项：{matters}"),
    "check.not_commitment": QT_TRANSLATE_NOOP("Messages", "材料“{name}”不是告知承诺，没有要核查的内容"),
    "check.no_note": QT_TRANSLATE_NOOP("Messages", "承诺不实，请写明核查发现的情况"),
}

# Words core puts into params in Chinese (the ID document a number belongs to, the default name of
# a form field): translated as they are filled in. Catalog labels and personal data stay as given.
TERMS: Final = frozenset(
    {
        QT_TRANSLATE_NOOP("MessageTerms", "身份证号码"),
        QT_TRANSLATE_NOOP("MessageTerms", "港澳台居民居住证号码"),
        QT_TRANSLATE_NOOP("MessageTerms", "外国人永久居留身份证号码"),
        QT_TRANSLATE_NOOP("MessageTerms", "居民身份证"),
        QT_TRANSLATE_NOOP("MessageTerms", "港澳台居民居住证"),
        QT_TRANSLATE_NOOP("MessageTerms", "外国人永久居留身份证（2017版）"),
        QT_TRANSLATE_NOOP("MessageTerms", "外国人永久居留身份证（2023版）"),
        QT_TRANSLATE_NOOP("MessageTerms", "此项"),
        QT_TRANSLATE_NOOP("MessageTerms", "姓名"),
        QT_TRANSLATE_NOOP("MessageTerms", "身份证件号码"),
        QT_TRANSLATE_NOOP("MessageTerms", "手机号码"),
        QT_TRANSLATE_NOOP("MessageTerms", "联系电话"),
        QT_TRANSLATE_NOOP("MessageTerms", "日期"),
        QT_TRANSLATE_NOOP("MessageTerms", "性别"),
        QT_TRANSLATE_NOOP("MessageTerms", "地址"),
        QT_TRANSLATE_NOOP("MessageTerms", "出生医学证明编号"),
        QT_TRANSLATE_NOOP("MessageTerms", "统一社会信用代码"),
        QT_TRANSLATE_NOOP("MessageTerms", "银行账号"),
        QT_TRANSLATE_NOOP("MessageTerms", "宝宝姓名"),
        QT_TRANSLATE_NOOP("MessageTerms", "男性"),
        QT_TRANSLATE_NOOP("MessageTerms", "女性"),
    }
)

# Device roles in the interface language (devices.manager.ROLE_NAMES are fixed Chinese, for logs
# and the CLI); ``role`` params hold the role id.
DEVICE_ROLES: Final[Mapping[str, object]] = {
    "id_reader": QT_TRANSLATE_NOOP("DeviceStatusWidget", "身份证阅读器"),
    "printer": QT_TRANSLATE_NOOP("DeviceStatusWidget", "小票打印机"),
    "scanner": QT_TRANSLATE_NOOP("DeviceStatusWidget", "扫码枪"),
    "camera": QT_TRANSLATE_NOOP("DeviceStatusWidget", "高拍仪"),
}

# Staff roles (core.staff.Role values; Role.label is fixed Chinese, for logs and the CLI).
STAFF_ROLES: Final[Mapping[str, object]] = {
    "window": QT_TRANSLATE_NOOP("StaffRoles", "窗口人员"),
    "supervisor": QT_TRANSLATE_NOOP("StaffRoles", "值班长"),
    "outreach": QT_TRANSLATE_NOOP("StaffRoles", "帮办代办员"),
    "admin": QT_TRANSLATE_NOOP("StaffRoles", "管理员"),
}
