// Mailing room: sending email through libcurl's SMTP (written with the room).
