<?cs # mail_card.cs: a card as HTML mail. Mail clients strip <style>,
       scripts, forms and SVG, so this is tables with inline CSS, 600 px
       wide, and the call buttons are styled text links. Every link is a
       plain GET of a page (the live card, a button's call page): no link
       starts a call by itself. Every var: is HTML-escaped; colours and
       font stacks were checked against designs.hdf on input. ?>
<?cs def:btn_bg(s) ?><?cs if:s == "green" ?>#16a34a<?cs elif:s == "orange" ?>#ea580c<?cs elif:s == "pink" ?>#db2777<?cs elif:s == "yellow" ?>#facc15<?cs elif:s == "dark" ?>#1f2937<?cs elif:s == "white" ?>#ffffff<?cs else ?>#2563eb<?cs /if ?><?cs /def ?>
<?cs def:btn_fg(s) ?><?cs if:s == "yellow" ?>#111827<?cs elif:s == "white" ?>#0f3d5e<?cs else ?>#ffffff<?cs /if ?><?cs /def ?>
<!doctype html>
<html lang="<?cs var:Card.L.Lang ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs var:Card.name ?></title>
</head>
<body style="margin:0;padding:0;background:#eef2f6;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#eef2f6;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;max-width:100%;font-family:Arial,Helvetica,sans-serif;color:#1f2937;">
<?cs if:Issued ?>
<tr><td style="padding:0 4px 16px;font-size:16px;line-height:24px;">Hello <?cs var:Owner.name ?>, your card is live. This is how it looks in your recipients' mail.</td></tr>
<?cs elif:Message ?>
<tr><td style="padding:0 4px 16px;font-size:16px;line-height:24px;white-space:pre-line;"><?cs var:Message ?></td></tr>
<?cs /if ?>
<tr><td height="6" style="height:6px;line-height:6px;font-size:0;background:<?cs var:Card.accent ?>;border-radius:12px 12px 0 0;">&nbsp;</td></tr>
<tr><td style="background:<?cs var:Card.bg ?>;color:<?cs var:Card.color ?>;border-radius:0 0 12px 12px;padding:28px 32px;font-family:<?cs var:Card.fontstack ?>;">
  <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">
  <tr>
    <?cs if:Card.show_logo == "1" && Card.logo ?><td width="96" valign="top" style="padding-right:16px;"><img src="<?cs var:Site.BaseURL ?>/uploads/<?cs var:Card.logo ?>" width="96" height="40" alt="<?cs alt:Card.company ?>Logo<?cs /alt ?>" style="display:block;border:0;width:96px;height:auto;"></td><?cs /if ?>
    <td valign="top">
      <a href="<?cs var:Card.url ?>" style="color:<?cs var:Card.color ?>;text-decoration:none;font-size:26px;line-height:32px;font-weight:bold;"><?cs var:Card.name ?></a>
      <?cs if:(Card.show_title == "1" && Card.title) || (Card.show_dept == "1" && Card.dept) ?>
      <div style="font-size:15px;line-height:22px;padding-top:2px;"><?cs if:Card.show_title == "1" ?><?cs var:Card.title ?><?cs /if ?><?cs if:Card.show_title == "1" && Card.title && Card.show_dept == "1" && Card.dept ?> · <?cs /if ?><?cs if:Card.show_dept == "1" ?><?cs var:Card.dept ?><?cs /if ?></div>
      <?cs /if ?>
      <?cs if:Card.show_company == "1" && Card.company ?><div style="font-size:15px;line-height:22px;color:<?cs var:Card.accent ?>;font-weight:bold;"><?cs var:Card.company ?></div><?cs /if ?>
    </td>
  </tr>
  </table>
  <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin-top:20px;">
  <?cs each:row = Card.Numbers ?>
  <tr>
    <td valign="middle" style="padding:6px 0;font-size:14px;line-height:20px;width:170px;"><span style="opacity:.8;"><?cs var:Card.L[row.kind] ?></span><br><strong style="font-size:16px;"><?cs var:row.text ?></strong></td>
    <td valign="middle" style="padding:6px 0;">
    <?cs each:i = row.Buttons ?><?cs with:b = Card.Buttons[i] ?>
      <a href="<?cs var:Site.BaseURL ?>/call/<?cs var:b.id ?>" style="display:inline-block;margin:2px 6px 2px 0;padding:9px 16px;border-radius:20px;background:<?cs call:btn_bg(b.style) ?>;color:<?cs call:btn_fg(b.style) ?>;<?cs if:b.style == "white" ?>border:1px solid #9fb3c8;<?cs /if ?>font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:18px;font-weight:bold;text-decoration:none;">&#9742; <?cs if:b.mode == "pc" ?><?cs var:Card.L.call_pc ?><?cs else ?><?cs var:Card.L.call_phone ?><?cs /if ?> <span style="font-weight:normal;font-size:12px;">(<?cs var:Card.L['payer_' + b.payer] ?>)</span></a>
    <?cs /with ?><?cs /each ?>
    </td>
  </tr>
  <?cs /each ?>
  </table>
  <?cs if:(Card.show_email == "1" && Card.email) || (Card.show_web == "1" && Card.web) || (Card.show_address == "1" && Card.address) || (Card.show_fax == "1" && Card.fax) ?>
  <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin-top:14px;font-size:14px;line-height:21px;">
    <?cs if:Card.show_fax == "1" && Card.fax ?><tr><td style="width:90px;opacity:.8;"><?cs var:Card.L.fax ?></td><td><?cs alt:Card.fax_text ?><?cs var:Card.fax ?><?cs /alt ?></td></tr><?cs /if ?>
    <?cs if:Card.show_email == "1" && Card.email ?><tr><td style="width:90px;opacity:.8;"><?cs var:Card.L.email ?></td><td><a href="mailto:<?cs var:Card.email ?>" style="color:<?cs var:Card.color ?>;"><?cs var:Card.email ?></a></td></tr><?cs /if ?>
    <?cs if:Card.show_web == "1" && Card.web ?><tr><td style="width:90px;opacity:.8;"><?cs var:Card.L.web ?></td><td><?cs var:Card.web ?></td></tr><?cs /if ?>
    <?cs if:Card.show_address == "1" && Card.address ?><tr><td style="width:90px;opacity:.8;"><?cs var:Card.L.address ?></td><td><?cs if:Card.postcode ?>(<?cs var:Card.postcode ?>) <?cs /if ?><?cs var:Card.address ?></td></tr><?cs /if ?>
  </table>
  <?cs /if ?>
  <?cs if:Card.text1 ?><p style="margin:14px 0 0;font-size:14px;line-height:21px;"><?cs var:Card.text1 ?></p><?cs /if ?>
</td></tr>
<tr><td align="center" style="padding:20px 4px 4px;">
  <a href="<?cs var:Card.url ?>" style="display:inline-block;padding:10px 22px;border-radius:8px;background:#0f3d5e;color:#ffffff;font-size:15px;line-height:20px;font-weight:bold;text-decoration:none;">Open the card</a>
</td></tr>
<tr><td align="center" style="padding:8px 4px 4px;font-size:13px;line-height:19px;color:#4b5563;">A call button opens a page where you start the call; nothing rings before you confirm.</td></tr>
<tr><td align="center" style="padding:6px 4px;font-size:12px;line-height:18px;color:#6b7280;">
  Sent by <?cs var:Owner.name ?> with <?cs var:Site.Name ?>.<?cs if:Unsubscribe ?> Not interested? <a href="<?cs var:Unsubscribe ?>" style="color:#6b7280;">Stop mail from <?cs var:Owner.name ?></a>.<?cs /if ?>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
