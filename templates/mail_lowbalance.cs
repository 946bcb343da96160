<?cs # mail_lowbalance.cs: the low-balance notice as HTML mail (tables and
       inline CSS, 600 px, like mail_card.cs). Every var: is HTML-escaped. ?>
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Your balance is low</title>
</head>
<body style="margin:0;padding:0;background:#eef2f6;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#eef2f6;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;max-width:100%;font-family:Arial,Helvetica,sans-serif;color:#1f2937;background:#ffffff;border-radius:12px;">
<tr><td style="padding:28px 32px 8px;font-size:22px;line-height:30px;font-weight:bold;color:#0f3d5e;">Your balance is low</td></tr>
<tr><td style="padding:8px 32px;font-size:16px;line-height:24px;">Hello <?cs var:Member.name ?>, the credit available for calls on your <?cs var:Site.Name ?> account is now <strong><?cs var:Notice.available ?></strong>, below <?cs var:Notice.threshold ?>.</td></tr>
<tr><td style="padding:8px 32px;">
  <table role="presentation" cellpadding="0" cellspacing="0" border="0" style="font-size:15px;line-height:22px;">
  <tr><td style="padding:2px 24px 2px 0;color:#4b5563;">Balance</td><td align="right"><?cs var:Notice.balance ?></td></tr>
  <?cs if:Notice.has_held == "1" ?><tr><td style="padding:2px 24px 2px 0;color:#4b5563;">Reserved for calls in progress</td><td align="right"><?cs var:Notice.held ?></td></tr><?cs /if ?>
  <tr><td style="padding:2px 24px 2px 0;color:#4b5563;font-weight:bold;">Available</td><td align="right" style="font-weight:bold;"><?cs var:Notice.available ?></td></tr>
  <tr><td style="padding:2px 24px 2px 0;color:#4b5563;">Mileage points</td><td align="right"><?cs var:Notice.mileage ?></td></tr>
  </table>
</td></tr>
<tr><td style="padding:8px 32px;font-size:15px;line-height:22px;">A call through your cards is refused when less than <?cs var:Notice.min_credit ?> is available. Top up your balance so your callers get through.</td></tr>
<tr><td align="center" style="padding:16px 32px 28px;">
  <a href="<?cs var:Site.BaseURL ?>/account" style="display:inline-block;padding:10px 22px;border-radius:8px;background:#0f3d5e;color:#ffffff;font-size:15px;line-height:20px;font-weight:bold;text-decoration:none;">Top up my balance</a>
</td></tr>
</table>
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;max-width:100%;font-family:Arial,Helvetica,sans-serif;">
<tr><td align="center" style="padding:12px 4px;font-size:12px;line-height:18px;color:#6b7280;">You get this notice once each time your available credit falls below <?cs var:Notice.threshold ?>. — <?cs var:Site.Name ?></td></tr>
</table>
</td></tr>
</table>
</body>
</html>
