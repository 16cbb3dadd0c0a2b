import type { StaticContent } from './types';

// Static page content in English. Mirrors ./id.ts item by item.

export const enContent: StaticContent = {
  faq: {
    intro:
      'Short answers to the questions we hear most. Cannot find yours? Our admin is happy to help.',
    stillNeedHelp: 'Still have a question?',
    contactLink: 'Contact the admin',
    groups: [
      {
        title: 'Payment',
        items: [
          {
            id: 'cara-bayar-qris',
            question: 'How do I pay with QRIS?',
            answer:
              'After checkout you see a QRIS code from Tokopay together with the exact amount to pay.\n\n- Open any e-wallet (GoPay, OVO, DANA, ShopeePay, LinkAja) or a mobile banking app that supports QRIS.\n- Scan the QR code on screen, or save the image and upload it from your gallery.\n- Check that the amount matches exactly, then confirm the payment.\n\nNo need to send a transfer receipt: the order status changes by itself as soon as the payment arrives.',
          },
          {
            id: 'batas-waktu',
            question: 'How long do I have to pay?',
            answer:
              'Each QRIS code is valid for a limited time, shown as a countdown on the invoice page. When it runs out, the order is cancelled automatically and the stock is released. Never pay an expired QRIS code; simply place a new order.',
          },
          {
            id: 'biaya-tambahan',
            question: 'Are there extra fees?',
            answer:
              'The price on the product page is the price you pay. If a payment fee applies, it is shown in the price breakdown before you pay, never added silently.',
          },
          {
            id: 'sudah-bayar',
            question: 'I have paid but the order status has not changed.',
            answer:
              'Payments are usually confirmed within seconds, but some banks and e-wallets take a few minutes. Reload the order tracking page. If the status has not changed after 15 minutes, contact the admin with your order number and the payment receipt. Do not pay twice.',
          },
        ],
      },
      {
        title: 'Products & delivery',
        items: [
          {
            id: 'stok-vs-undangan',
            question: 'What is the difference between “Code & account” and “Team invite”?',
            answer:
              '- Code & account: a voucher code, license key or account from our stock. Delivered as soon as the payment is confirmed; every product shows how many are in stock.\n- Team invite: you get a seat in a team subscription we manage, such as ChatGPT Team or Canva Teams. At checkout you enter the email to invite, then accept the official invitation from the provider in that inbox.',
          },
          {
            id: 'lama-pengiriman',
            question: 'How fast is delivery?',
            answer:
              'Every order is processed automatically around the clock. Code & account products usually arrive within seconds. Team invites usually take a few minutes; at busy times, or when a provider limits invitations, it can take longer and the system retries by itself. The tracking page always shows the honest status.',
          },
          {
            id: 'tempat-pengiriman',
            question: 'Where do I receive my product?',
            answer:
              'The result (code, account details or invite status) is shown on the order tracking page and sent to your email. If you gave a WhatsApp number, we also notify you on WhatsApp.',
          },
          {
            id: 'kode-tidak-berfungsi',
            question: 'My code does not work. What should I do?',
            answer:
              'First, re-read the instructions in the product description: account region, redeem steps and requirements. If it still fails, contact the admin within the warranty period with:\n\n- your order number or tracking link,\n- a screenshot of the error message,\n- the time you tried to redeem it.\n\nWe check every claim and replace codes that turn out to be faulty, following the warranty rules.',
          },
        ],
      },
      {
        title: 'Accounts, safety & tracking',
        items: [
          {
            id: 'tanpa-akun',
            question: 'Do I need an account?',
            answer:
              'No. You can check out as a guest with just your name, email and WhatsApp number. After checkout you receive a tracking link to follow your order. A member account adds order history and points.',
          },
          {
            id: 'tautan-pelacakan',
            question: 'How do I track my order?',
            answer:
              'The tracking link is sent to your email (and WhatsApp, if given) after checkout. Keep it private: anyone who has the link can see your order result.',
          },
          {
            id: 'keamanan-akun',
            question: 'Is my account safe?',
            answer:
              'For team invites we only need an email address, never your password. {shop} admins will never ask for your password or an OTP code. For accounts from our stock, do not change the email, password or profile unless the product description allows it, as that voids the warranty.',
          },
        ],
      },
      {
        title: 'Refunds & warranty',
        items: [
          {
            id: 'refund',
            question: 'Can I get a refund?',
            answer:
              'Digital products that have been delivered cannot be cancelled or returned. You get a full refund when:\n\n- we cannot deliver an order after receiving the payment, for example because stock ran out or an invite failed permanently;\n- the product turns out to be faulty and we cannot replace it.\n\nRefunds are paid within 7 working days of approval, to a bank account or e-wallet in the buyer’s name.',
          },
          {
            id: 'salah-email',
            question: 'I entered the wrong email for the invite.',
            answer:
              'Contact the admin right away, before the invitation is accepted. We will try to cancel it and invite the right email, but this is not always possible once the invitation has been sent.',
          },
          {
            id: 'masa-garansi',
            question: 'How long is the warranty?',
            answer:
              'The warranty period is stated in each product description. Where none is stated, code claims are accepted within 24 hours of delivery, and team invites are covered for the active period named on the product. The full rules are in the Terms & Conditions.',
          },
        ],
      },
    ],
  },

  terms: {
    intro:
      'These terms apply to every purchase at {shop}. By placing an order you confirm that you have read and accepted them. The Indonesian version prevails if the two versions differ.',
    updated: '2025-01-15',
    sections: [
      {
        id: 'layanan',
        title: '1. Our service',
        body: '{shop} sells digital products: voucher codes, license keys, account details and seats in team subscriptions (such as ChatGPT Team or Canva Teams). Products are delivered electronically; nothing physical is shipped.',
      },
      {
        id: 'data-pembeli',
        title: '2. Buyer details',
        body: 'You must give a correct, active name, email and WhatsApp number, plus any extra details a product asks for (such as the email to invite). The buyer is responsible for mistakes in these details. If you are under 18, you need the permission of a parent or guardian to buy.',
      },
      {
        id: 'harga-pembayaran',
        title: '3. Prices and payment',
        body: '- Prices are in rupiah and include applicable taxes.\n- Payment is made by QRIS, processed by Tokopay.\n- An order is processed only after our system receives the payment confirmation.\n- Pay the exact amount before the deadline; unpaid orders expire automatically.\n- Prices may change at any time, but never for an order already placed.',
      },
      {
        id: 'pengiriman',
        title: '4. Delivery',
        body: 'Orders are delivered automatically once the payment is confirmed. Code & account products are shown on the tracking page and sent to the buyer’s email. For team invites, the invitation goes to the email entered at checkout and must be accepted within the time the provider allows. Delays caused by third parties can happen; we always show the status as it is.',
      },
      {
        id: 'garansi',
        title: '5. Warranty',
        body: 'The warranty period is stated in each product description. Where none is stated:\n\n- Codes and licenses: claims are accepted within 24 hours of delivery, for codes that are invalid when first redeemed.\n- Accounts and team invites: covered for the active period named on the product.\n\nThe warranty does not apply if the buyer breaks the provider’s rules, changes the details of a shared account, shares the account with others, uses the product for prohibited purposes, claims after the warranty period, or if the problem is caused by the buyer’s device, network or account region. Claims go through the admin with the order number and evidence of the problem.',
      },
      {
        id: 'larangan',
        title: '6. Prohibited use',
        body: 'You may not use {shop} or the products you buy for:\n\n- anything unlawful under the laws of the Republic of Indonesia;\n- fraud, money laundering, or paying with funds that are not yours;\n- abusing coupons, points or promotions;\n- attempts to disrupt, break into or overload our systems;\n- breaking the terms of service of the product’s provider.\n\nWe may refuse or cancel orders that appear to break these rules.',
      },
      {
        id: 'refund',
        title: '7. Cancellations and refunds',
        body: 'Digital products that have been delivered cannot be cancelled or returned. You get a full refund if we fail to deliver a paid order, or if the product turns out to be faulty and cannot be replaced. Refunds are paid within 7 working days of approval, to a bank account or e-wallet in the buyer’s name.',
      },
      {
        id: 'merek',
        title: '8. Third-party trademarks',
        body: 'Product names such as ChatGPT, Canva, Netflix, Spotify, CapCut, Google One and Mobile Legends are trademarks of their respective owners. {shop} is not affiliated with them. Using their services is subject to each provider’s own terms of service.',
      },
      {
        id: 'tanggung-jawab',
        title: '9. Limitation of liability',
        body: 'As far as the law allows, the liability of {shop} for an order is limited to the amount you paid for that order. We are not responsible for policy changes, outages or discontinued services of third-party providers.',
      },
      {
        id: 'perubahan',
        title: '10. Changes to these terms',
        body: 'We may update these terms. The date of the last update is shown at the top of this page. Each order is governed by the terms in force when it was placed.',
      },
      {
        id: 'hukum',
        title: '11. Governing law',
        body: 'These terms are governed by the laws of the Republic of Indonesia, including Law No. 8 of 1999 on Consumer Protection. Disputes are first settled amicably by deliberation. If no agreement is reached, they are settled through the Consumer Dispute Settlement Agency (BPSK) or the competent district court.',
      },
      {
        id: 'kontak',
        title: '12. Contact',
        body: 'Questions about these terms can be sent to {email} or WhatsApp {whatsapp}.',
      },
    ],
  },

  privacy: {
    intro:
      '{shop} collects only the data needed to process and deliver your orders. This policy explains what we collect, why, how long we keep it, and your rights under Law No. 27 of 2022 on Personal Data Protection (UU PDP).',
    updated: '2025-01-15',
    sections: [
      {
        id: 'data-dikumpulkan',
        title: '1. Data we collect',
        body: '- Identity and contact: name, email address and WhatsApp number.\n- Order data: products, quantities, prices, order status, and details you enter for certain products (such as the email to invite).\n- Payment data: reference number, amount and status from Tokopay. We never receive or store your PIN, passwords, or e-wallet or bank account details.\n- Account data (if you register): email, hashed password, order history and points.\n- Technical data: IP address, browser type and access logs, for security and fraud prevention.\n- Conversations with the admin when you contact us.',
      },
      {
        id: 'tujuan',
        title: '2. Why we use it',
        body: '- To process, deliver and show the status of your orders.\n- To send order results, tracking links and notifications by email or WhatsApp.\n- To answer questions and handle warranty claims.\n- To prevent fraud and abuse.\n- To meet legal obligations, including tax and accounting.\n\nWe do not sell your personal data and we do not send promotions without your consent.',
      },
      {
        id: 'dasar-pemrosesan',
        title: '3. Legal basis',
        body: 'As set out in the UU PDP, we process data to perform our sales contract with you, to meet legal obligations, for legitimate interests such as system security, and with your consent for optional features.',
      },
      {
        id: 'berbagi-data',
        title: '4. Who receives data',
        body: '- Tokopay, as the QRIS payment processor (reference number and amount).\n- Subscription providers, for team invites (only the invited email).\n- Email and WhatsApp delivery providers, for notifications.\n- The infrastructure providers that store data on our behalf.\n- Competent authorities, when the law requires it.\n\nEach party receives only the data it needs.',
      },
      {
        id: 'retensi',
        title: '5. Storage and retention',
        body: '- Order and transaction data: kept as long as tax and accounting rules require, at most 10 years.\n- Account data: while the account is active; deleted or anonymised after you ask for deletion, except what the law requires us to keep.\n- Technical logs: 90 days.\n- Support conversations: 1 year.',
      },
      {
        id: 'keamanan',
        title: '6. Security',
        body: 'Data travels over encrypted connections (HTTPS). Codes, account details and order results are stored encrypted, and only authorised staff can access data. If a personal data protection failure happens, we notify you and the relevant authority within 3 x 24 hours, as the UU PDP requires.',
      },
      {
        id: 'hak',
        title: '7. Your rights',
        body: 'Under the UU PDP you have the right to:\n\n- be informed about how your personal data is processed;\n- access your data and get a copy of it;\n- correct inaccurate data;\n- ask for your data to be deleted or destroyed;\n- withdraw consent you have given;\n- object to decisions made solely by automated processing;\n- restrict or suspend processing;\n- receive your data in a commonly used format;\n- sue and receive compensation for unlawful processing of your personal data.\n\nSend requests to {email}. We respond within the deadlines set by the UU PDP, generally within 3 x 24 hours.',
      },
      {
        id: 'penyimpanan-lokal',
        title: '8. Cookies and local storage',
        body: 'We use your browser’s local storage to remember your language choice and, if you sign in, your login session. We do not use third-party advertising trackers.',
      },
      {
        id: 'anak',
        title: '9. Children',
        body: 'Our service is not aimed at children. Personal data of children is processed only with the consent of a parent or guardian, as the UU PDP requires.',
      },
      {
        id: 'perubahan',
        title: '10. Changes to this policy',
        body: 'We may update this policy. The date of the last update is shown at the top of this page; important changes are announced on this site.',
      },
      {
        id: 'kontak',
        title: '11. Contact',
        body: 'For questions or requests about your personal data, contact us at {email} or WhatsApp {whatsapp}.',
      },
    ],
  },

  support: {
    intro:
      'Orders are processed automatically around the clock. If something goes wrong, our admin is ready to help on WhatsApp or by email.',
    hoursTitle: 'Opening hours',
    hours: 'Every day, 09:00–21:00 WIB (UTC+7).\n\nOutside these hours orders are still processed automatically; we answer your message during the next opening hours.',
    includeTitle: 'To get help quickly, include',
    include:
      '- Your order number or tracking link.\n- The product name and the email used at checkout.\n- A screenshot of the problem or error message.\n- The payment receipt, if the problem is about payment.',
    neverTitle: 'Never send',
    never:
      'Passwords, OTP codes or PINs. {shop} admins will never ask for them. Beware of anyone who claims to be an admin and asks for them.',
    responseTitle: 'Response time',
    response:
      'WhatsApp messages are usually answered within 1 hour during opening hours. Emails are answered within 24 hours.',
    faqPrompt: 'Many questions are already answered on the',
    faqLink: 'FAQ page',
  },
};
