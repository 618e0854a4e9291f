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


export default auth
