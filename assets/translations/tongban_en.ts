<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>BusyOverlay</name>
    <message>
        <location filename="../../qtkit/widgets/busy.py" line="+28"/>
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
    <name>DeviceBridge</name>
    <message>
        <location filename="../../qtkit/bridge.py" line="+250"/>
        <source>高拍仪未配置</source>
        <translation>No document camera is configured</translation>
    </message>
</context>
<context>
    <name>DeviceStatusWidget</name>
    <message>
        <location filename="../../qtkit/widgets/device_status.py" line="+18"/>
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
        <location line="+100"/>
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
    <name>MaskedIdLabel</name>
    <message>
        <location filename="../../qtkit/widgets/masked_id.py" line="+77"/>
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
    <name>SyncStatusWidget</name>
    <message>
        <location filename="../../qtkit/widgets/sync_status.py" line="+160"/>
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
        <location line="+6"/>
        <source>待上传 %n 条</source>
        <translation>
            <numerusform>%n record waiting to upload</numerusform>
            <numerusform>%n records waiting to upload</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
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
</TS>
