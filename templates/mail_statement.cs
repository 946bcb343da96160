<?cs # mail_statement.cs: a member's monthly statement as HTML mail
       (tables and inline CSS, 600 px, like mail_card.cs): opening
       balance, every movement, closing balance, mileage. Every var: is
       HTML-escaped. ?>
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Statement for <?cs var:Statement.month ?></title>
</head>
<body style="margin:0;padding:0;background:#eef2f6;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#eef2f6;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;max-width:100%;font-family:Arial,Helvetica,sans-serif;color:#1f2937;background:#ffffff;border-radius:12px;">
<tr><td style="padding:28px 32px 4px;font-size:22px;line-height:30px;font-weight:bold;color:#0f3d5e;">Statement for <?cs var:Statement.month ?></td></tr>
<tr><td style="padding:4px 32px 12px;font-size:15px;line-height:22px;">Hello <?cs var:Member.name ?>, this is every movement of your <?cs var:Site.Name ?> balance in <?cs var:Statement.month ?> (times in UTC).</td></tr>
<tr><td style="padding:0 32px;">
  <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="font-size:14px;line-height:20px;border-collapse:collapse;">
  <tr style="background:#f3f6f9;">
    <td style="padding:8px 6px;font-weight:bold;color:#4b5563;">Date</td>
    <td style="padding:8px 6px;font-weight:bold;color:#4b5563;">Movement</td>
    <td align="right" style="padding:8px 6px;font-weight:bold;color:#4b5563;">Amount</td>
    <td align="right" style="padding:8px 6px;font-weight:bold;color:#4b5563;">Mileage</td>
    <td align="right" style="padding:8px 6px;font-weight:bold;color:#4b5563;">Balance</td>
  </tr>
  <tr>
    <td style="padding:8px 6px;border-bottom:1px solid #e5e7eb;color:#6b7280;"></td>
    <td style="padding:8px 6px;border-bottom:1px solid #e5e7eb;font-weight:bold;">Opening balance</td>
    <td style="padding:8px 6px;border-bottom:1px solid #e5e7eb;"></td>
    <td align="right" style="padding:8px 6px;border-bottom:1px solid #e5e7eb;color:#6b7280;"><?cs var:Statement.mileage_opening ?></td>
    <td align="right" style="padding:8px 6px;border-bottom:1px solid #e5e7eb;font-weight:bold;white-space:nowrap;"><?cs var:Statement.opening ?></td>
  </tr>
  <?cs each:e = Statement.Entries ?>
  <tr class="movement">
    <td style="padding:8px 6px;border-bottom:1px solid #e5e7eb;color:#6b7280;white-space:nowrap;"><?cs var:e.date ?></td>
    <td style="padding:8px 6px;border-bottom:1px solid #e5e7eb;"><?cs var:e.what ?></td>
    <td align="right" style="padding:8px 6px;border-bottom:1px solid #e5e7eb;white-space:nowrap;<?cs if:e.credit == "1" ?>color:#15803d;<?cs /if ?>"><?cs var:e.amount ?></td>
    <td align="right" style="padding:8px 6px;border-bottom:1px solid #e5e7eb;color:#6b7280;"><?cs var:e.mileage ?></td>
    <td align="right" style="padding:8px 6px;border-bottom:1px solid #e5e7eb;white-space:nowrap;"><?cs var:e.balance ?></td>
  </tr>
  <?cs /each ?>
  <tr>
    <td style="padding:10px 6px;"></td>
    <td style="padding:10px 6px;font-weight:bold;">Closing balance</td>
    <td style="padding:10px 6px;"></td>
    <td align="right" style="padding:10px 6px;font-weight:bold;"><?cs var:Statement.mileage_closing ?></td>
    <td align="right" style="padding:10px 6px;font-weight:bold;white-space:nowrap;"><?cs var:Statement.closing ?></td>
  </tr>
  </table>
</td></tr>
<tr><td style="padding:12px 32px 4px;font-size:14px;line-height:21px;color:#374151;">Credited <?cs var:Statement.credits ?>, charged <?cs var:Statement.debits ?>. Mileage points at the end of the month: <strong><?cs var:Statement.mileage_closing ?></strong>.</td></tr>
<tr><td align="center" style="padding:16px 32px 28px;">
  <a href="<?cs var:Site.BaseURL ?>/account" style="display:inline-block;padding:10px 22px;border-radius:8px;background:#0f3d5e;color:#ffffff;font-size:15px;line-height:20px;font-weight:bold;text-decoration:none;">My account</a>
</td></tr>
</table>
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;max-width:100%;font-family:Arial,Helvetica,sans-serif;">
<tr><td align="center" style="padding:12px 4px;font-size:12px;line-height:18px;color:#6b7280;">One statement a month for each month your balance moved. — <?cs var:Site.Name ?></td></tr>
</table>
</td></tr>
</table>
</body>
</html>
