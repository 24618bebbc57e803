import type { LanguagePack } from './types.js';

export const en: LanguagePack = {
  customer: {
    greeting: [
      ['Hi', []],
      ['Hello 👋', []],
      ['Hi there, quick question', []],
    ],
    inquiry: [
      ['Hi, is {product} available?', ['product_inquiry']],
      ['Do you have {product} in stock? 😊', ['product_inquiry']],
      ['Is {product} still available?', ['product_inquiry']],
    ],
    inquiry_size: [
      ['Hi, is {product} available in size {size}?', ['product_inquiry', 'size']],
      ['Do you have {product} in stock in size {size}? 🙏', ['product_inquiry', 'size']],
    ],
    price: [
      ['How much is it?', ['price']],
      ["What's the price?", ['price']],
      ['How much is {product}?', ['price']],
      ['How much for shipping?', ['price']],
    ],
    discount: [
      ['Any discount?', ['price_discount']],
      ['Is there a discount if I buy two?', ['price_discount']],
      ['Do you have a discount code? 🙏', ['price_discount']],
    ],
    size_advice: [
      ['Which size should I get? I usually wear {size}', ['size']],
      ['Does size {size} run small?', ['size']],
    ],
    pay_cod: [
      ['Can I pay cash on delivery?', ['payment_cod']],
      ['Is cash on delivery possible?', ['payment_cod']],
    ],
    pay_card: [
      ['Can I pay by credit card?', ['payment_card']],
      ['Do you take credit card?', ['payment_card']],
    ],
    pay_transfer: [
      ['Can I pay by bank transfer?', ['payment_transfer']],
      ["I'd rather do a bank transfer, ok?", ['payment_transfer']],
    ],
    buy: [
      ["Great, I'll take it 👍", []],
      ['OK, I want to order one', []],
    ],
    thanks: [
      ['Thanks a lot! 😊', []],
      ['Perfect, thank you 🙏', []],
      ['Great, thanks for the help ❤️', []],
    ],
    unhappy: [
      ['Honestly this is bad service. Very disappointed 😞', []],
      ['You always take so long to answer 😠', []],
      ['Second time this happens, terrible 👎', []],
    ],
    logistics: [
      ['Hi, where is my order? {order}', ['logistics']],
      ["Where is my order?? It's been 5 days 😟", ['logistics']],
      ['Can you send me the tracking for {order}?', ['logistics']],
    ],
    complaint: [
      ['I want to make a complaint, order {order} arrived damaged 😡', ['complaint']],
      ['This is a formal complaint, I was charged twice 😠', ['complaint']],
    ],
    handoff: [
      ['Can I talk to a human agent please?', ['handoff']],
      ['human agent', ['handoff']],
    ],
    returns: [
      ['How do I return an item?', []],
      ["I'd like to return {product}, what should I do?", []],
    ],
    hours: [
      ['What are your opening hours?', []],
      ['Are you open on Sunday?', []],
    ],
    followup: [
      ['And in another colour?', []],
      ['OK, let me think about it', []],
      ['Ok 👍', []],
      ['When would it arrive?', []],
    ],
  },
  agent: {
    inquiry: ['Hi {first}! Yes, we have {product} 😊', 'Hi {first}, yes, a few left of {product}.', 'Hi {first}! Yes, it is in stock.\nShall I reserve one for you?'],
    inquiry_size: ['Hi {first}! Yes, {product} comes in {size} and we have it 😊', 'Hi {first}! Yes, {size} is in stock 😊\nOther colours too.'],
    price: ['It is {price} {currency}.', 'The price is {price} {currency}, shipping included.', "It's {price} {currency} and 10% off today."],
    discount: ['Buy two and get 10% off 🎉', 'This week you get 15% with code WEEK15.', 'No promotion right now, but I will tell you about the next one 😉'],
    size_advice: ['I would go for {size}, regular fit.', 'It runs a bit small, I would take one up.'],
    pay_cod: ['Yes, you can pay the courier when it arrives.', 'Sure, pay on delivery is fine.'],
    pay_card: ['Yes, the payment link takes Visa and Mastercard.', 'Sure, cards are fine.'],
    pay_transfer: ['Sure, I will send you our bank details.', 'Yes, here are the account details.'],
    buy: ['Great! Here is your order link. Delivery in 2-3 days 📦', 'Done, your order is noted. Thanks!'],
    thanks: ['Thank you! Have a nice day 😊', 'Anytime! We are here if you need us.'],
    unhappy: ['We are really sorry about this, looking into it right now.', 'You are right, sorry for the wait. Let me help you now.'],
    logistics: ['Your order {order} left yesterday and arrives tomorrow 🚚', 'I checked: order {order} is out for delivery today.'],
    complaint: ['So sorry about that 🙏 We are sending a replacement today.', 'Apologies, we opened a case and will refund you.'],
    handoff: ["Hi, I'm {agent}, how can I help?"],
    returns: ['You have 30 days to return it. I will send you the return label.'],
    hours: ['We are open Monday to Saturday, 10:00 to 20:00.'],
    followup: ['Yes, also in grey and blue.', 'Sure! Let me know when you decide.', 'It would arrive in 2-3 working days.'],
  },
  bot: {
    welcome: ["Hi! 👋 I'm the {business} assistant. An agent will be with you shortly."],
    hours: ['Our opening hours are Monday to Saturday, 10:00 to 20:00.'],
    returns: ['You can return any item within 30 days. We will send you the label here.'],
    tracking: ['Your order {order} is out for delivery 🚚 It will arrive within 24-48 h.'],
    handoff: ['Let me connect you with an agent, one moment please.'],
    thanks: ["You're welcome! 😊 We are here if you need anything."],
    csat: ['How would you rate our service?'],
    csat_thanks: ['Thanks for your rating! 🙏'],
  },
  csatTitles: ['Very poor', 'Poor', 'Okay', 'Good', 'Excellent'],
  campaigns: {
    new_arrivals: { emoji: 'New this week! ✨ See the latest: {url}', plain: 'New this week. See the latest: {url}' },
    flash_sale: { emoji: '⚡ 24 h flash sale: 20% off sneakers 👟 {url}', plain: '24 h flash sale: 20% off sneakers. {url}' },
    winter_sale: { emoji: 'Winter sale! 🎉 Up to 30% off coats: {url}', plain: 'Winter sale: up to 30% off coats. {url}' },
    summer_sale: { emoji: 'Summer sale! ☀️ Up to 40% off tees: {url}', plain: 'Summer sale: up to 40% off tees. {url}' },
    restock: { emoji: 'Back in stock: {product} 🔥 Grab it before it sells out: {url}', plain: 'Back in stock: {product}. {url}' },
    vip_early_access: { emoji: '🎁 Early access for VIP customers: {url}', plain: 'Early access for VIP customers: {url}' },
  },
  orderShipped: 'Your order {order} has shipped. It will arrive in 2-3 working days.',
};
