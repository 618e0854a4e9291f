import { createApp } from 'vue'
import 'element-plus/dist/index.css'
import './styles.css'
import './print.css'
import App from './App.vue'
import { i18n } from './i18n'
import { installPrintSetup } from './lib/printSetup'

document.documentElement.lang = i18n.global.locale.value
installPrintSetup()
createApp(App).use(i18n).mount('#app')
