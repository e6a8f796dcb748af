// Sending one e-mail through the SMTP server of Pengaturan (settings/smtp.ts), with nodemailer. The password comes
// from smtp_secret and goes nowhere else; an error is reported in words that name the server, never the password.
import nodemailer from 'nodemailer'
import type { Db } from '../store/open.ts'
import { smtpPassword, smtpSettings } from '../settings/smtp.ts'

export type Mail = { to: string; subject: string; text: string }
export type Mailer = { send(mail: Mail): Promise<void>; close(): void }

export function smtpConfigured(db: Db): boolean {
  const s = smtpSettings(db)
  return s.host !== '' && s.sender !== ''
}

export function createMailer(db: Db): Mailer {
  const s = smtpSettings(db)
  const password = smtpPassword(db)
  const transport = nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.tls === 'tls',
    requireTLS: s.tls === 'starttls',
    ignoreTLS: s.tls === 'none',
    auth: s.username ? { user: s.username, pass: password ?? '' } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  })
  return {
    async send(mail) {
      try {
        await transport.sendMail({ from: s.sender, to: mail.to, subject: mail.subject, text: mail.text })
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err)
        throw new Error(`Server SMTP ${s.host}:${s.port}: ${password ? msg.split(password).join('***') : msg}`.slice(0, 500))
      }
    },
    close: () => transport.close(),
  }
}
