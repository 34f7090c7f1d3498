// Mailing: sending email through libcurl's SMTP. An edge room: it touches the network.
//
// Inputs: a `MailMessage` (sender, recipients, subject, plain text, optional HTML, extra
// headers) and `SMTPSettings` (server, port, security, login, timeouts). Login details come from
// the environment (`SMTPSettings.credentials(from:)`), never from the configuration file.
// Output: the message accepted by the server, or one `MailError` saying what failed.
//
// Rule order of a send:
// 1. Check the settings and every address (ASCII addr-spec, no brackets, spaces or line breaks);
//    anything wrong is a `MailError` of code `invalidAddress` or `setup` before any connection.
// 2. Render the message (`MailMessage.rendered(date:messageID:)`, pure): RFC 5322 headers with
//    CRLF line ends, RFC 2047 encoded-words for non-ASCII or special display names and subjects,
//    folded to lines of at most 76 characters; line breaks from outside never reach a header.
//    Bodies are multipart/alternative (text/plain, then text/html), each part quoted-printable or
//    base64, whichever is shorter, in lines of at most 76 characters.
// 3. On a thread of its own (never Swift's cooperative pool), one libcurl easy handle connects
//    (smtp:// with STARTTLS required, smtps://, or plain smtp:// for a local relay), verifies
//    the server's certificate, logs in when a username is set, sends MAIL FROM, one RCPT TO per
//    recipient and the rendered bytes, which libcurl dot-stuffs.
// 4. libcurl's result becomes a `MailError`: connection (cannot reach or secure the server),
//    authentication (login refused or required), rejectedRecipient (a RCPT TO refused: nothing is
//    sent to anyone), transport (the conversation broke off). Connection and transport failures
//    are worth retrying on the next run; the password never appears in an error.
