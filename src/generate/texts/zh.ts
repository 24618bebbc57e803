import type { LanguagePack } from './types.js';

/** Traditional Chinese, as written in Hong Kong (Cantonese) and Taiwan. */
export const zh: LanguagePack = {
  customer: {
    greeting: [
      ['你好', []],
      ['哈囉 👋', []],
      ['你好，想問一下', []],
    ],
    inquiry: [
      ['你好，請問{product}有貨嗎？', ['product_inquiry']],
      ['請問{product}現在有貨嗎？😊', ['product_inquiry']],
    ],
    inquiry_size: [
      ['請問{product}有貨嗎？我要{size}尺碼', ['product_inquiry', 'size']],
      ['{product} {size}尺碼有貨嗎？🙏', ['product_inquiry', 'size']],
    ],
    price: [
      ['多少錢？', ['price']],
      ['這個多少錢？', ['price']],
      ['請問價錢係幾多？', ['price']],
      ['{product}多少錢？', ['price']],
    ],
    discount: [
      ['有冇折扣？', ['price_discount']],
      ['買兩件有折扣嗎？', ['price_discount']],
      ['而家有什麼優惠嗎？', ['price_discount']],
    ],
    size_advice: [
      ['我平時著{size}，應該揀咩尺碼？', ['size']],
      ['尺碼偏大還是偏小？', ['size']],
    ],
    pay_cod: [['可以貨到付款嗎？', ['payment_cod']]],
    pay_card: [['可以用信用卡付款嗎？', ['payment_card']]],
    pay_transfer: [['可以銀行轉帳嗎？', ['payment_transfer']]],
    buy: [
      ['好，我要一件 👍', []],
      ['OK，幫我落單', []],
    ],
    thanks: [
      ['唔該晒！😊', []],
      ['謝謝！🙏', []],
      ['好的，謝謝你 ❤️', []],
    ],
    unhappy: [
      ['服務好差，好失望 😞', []],
      ['等咗好耐都冇人覆 😠', []],
      ['真係好唔滿意 👎', []],
    ],
    logistics: [
      ['我的包裹在哪裡？訂單{order}', ['logistics']],
      ['請問我的包裹幾時到？😟', ['logistics']],
    ],
    complaint: [
      ['我要投訴，訂單{order}送錯貨 😡', ['complaint']],
      ['我要投訴你們的服務 😠', ['complaint']],
    ],
    handoff: [
      ['我想搵真人客服', ['handoff']],
      ['請幫我轉真人客服，謝謝', ['handoff']],
    ],
    returns: [
      ['點樣退貨？', []],
      ['我想退{product}，要點做？', []],
    ],
    hours: [
      ['你哋幾點開門？', []],
      ['星期日有冇開？', []],
    ],
    followup: [
      ['有其他顏色嗎？', []],
      ['好，我考慮一下', []],
      ['OK 👍', []],
      ['幾時會到？', []],
    ],
  },
  agent: {
    inquiry: ['{first}你好！{product}有現貨 😊', '你好 {first}，{product}仲有少量現貨。'],
    inquiry_size: ['{first}你好！{product} {size}碼有現貨 😊\n其他顏色都有。'],
    price: ['{price} {currency}。', '價錢係 {price} {currency}，包運費。', '{price} {currency}，今日九折。'],
    discount: ['買兩件九折 🎉', '今個星期用優惠碼 WEEK15 有85折。'],
    size_advice: ['建議揀{size}碼，版型正常。', '版型偏細，建議大一碼。'],
    pay_cod: ['可以，支持貨到付款。'],
    pay_card: ['可以，付款連結支持信用卡。'],
    pay_transfer: ['可以，我傳銀行資料俾你。'],
    buy: ['好！我傳訂單連結俾你，2-3日送到 📦'],
    thanks: ['唔該你！祝你有美好的一天 😊'],
    unhappy: ['非常抱歉，我哋即刻跟進。'],
    logistics: ['訂單{order}昨日已寄出，明日送到 🚚'],
    complaint: ['非常抱歉 🙏 我哋今日會補寄。'],
    handoff: ['你好，我係{agent}，有咩可以幫到你？'],
    returns: ['30日內可以退貨，我傳退貨標籤俾你。'],
    hours: ['我哋星期一至六 10:00 至 20:00 營業。'],
    followup: ['有灰色同藍色。', '冇問題，決定咗話我知。', '大約2-3個工作天送到。'],
  },
  bot: {
    welcome: ['你好 👋 我係{business}嘅助手，客服將會盡快回覆你。'],
    hours: ['營業時間：星期一至六 10:00–20:00。'],
    returns: ['所有貨品30日內可退貨。'],
    tracking: ['你的訂單{order}正在派送中 🚚 預計24-48小時內送達。'],
    handoff: ['正在為你轉接客服，請稍候。'],
    thanks: ['唔使客氣！😊 有需要隨時搵我哋。'],
    csat: ['你對我們的服務有幾滿意？'],
    csat_thanks: ['多謝你的評分！🙏'],
  },
  csatTitles: ['非常差', '差', '一般', '好', '非常好'],
  campaigns: {
    new_arrivals: { emoji: '本週新品上架 ✨ 立即睇：{url}', plain: '本週新品上架，立即睇：{url}' },
    flash_sale: { emoji: '⚡ 24小時限時搶購：波鞋8折 👟 {url}', plain: '24小時限時搶購：波鞋8折。{url}' },
    winter_sale: { emoji: '冬季減價 🎉 大衣低至7折：{url}', plain: '冬季減價，大衣低至7折：{url}' },
    summer_sale: { emoji: '夏日大減價 ☀️ T恤低至6折：{url}', plain: '夏日大減價，T恤低至6折：{url}' },
    restock: { emoji: '{product}補貨啦！🔥 {url}', plain: '{product}已補貨：{url}' },
    vip_early_access: { emoji: '🎁 VIP搶先購：{url}', plain: 'VIP搶先購：{url}' },
  },
  orderShipped: '你的訂單{order}已寄出，預計2-3個工作天送達。',
};
