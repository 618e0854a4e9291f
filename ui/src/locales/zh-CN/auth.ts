// 登录 page and the errors of a shared server with accounts; merged into ./index by spreading.
const auth = {
  auth: {
    title: '登录',
    subtitle: '均衡 · 县域公共服务承载力规划',
    user: '用户名',
    password: '密码',
    signIn: '登录',
    signingIn: '正在登录…',
    signOut: '退出登录',
    failed: '登录失败。',
    note: '账号由服务器管理员建立和分配权限（查看、规划编制、管理）及可访问的县、市、省范围。',
  },
}

export const authErrors = {
  auth_required: '请先登录。',
  auth_bad_credentials: '用户名或密码错误。',
  auth_locked: '登录失败次数过多，该账号已暂时锁定，请于 {until} 后再试。',
  auth_forbidden: '您的角色（{role}）不能执行该操作：{cmd}。',
  auth_out_of_scope: '县（区）{county} 不在您的权限范围内。',
  auth_csrf: '页面已过期（缺少或错误的安全令牌），请刷新后重试。',
  api_not_served: '该命令只在桌面版中可用。',
  api_too_large: '请求过大：{cmd} 最多接受 {limit_bytes} 字节。',
  api_server_busy: '服务器连接数已满，请稍后重试。',
}

export default auth
