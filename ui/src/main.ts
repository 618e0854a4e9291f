import { createApp } from 'vue'
import 'element-plus/dist/index.css'
import './styles.css'
import App from './App.vue'
import { i18n } from './i18n'

document.documentElement.lang = i18n.global.locale.value
createApp(App).use(i18n).mount('#app')
