<?cs # mail_lowbalance_text.cs: the text/plain part of the low-balance
       notice. Plain text, never read as HTML: values are written raw with
       uvar: (they reach only the body part, never a header). ?>Hello <?cs uvar:Member.name ?>,

the credit available for calls on your <?cs uvar:Site.Name ?> account is now
<?cs uvar:Notice.available ?>, below <?cs uvar:Notice.threshold ?>.

  Balance:    <?cs uvar:Notice.balance ?><?cs if:Notice.has_held == "1" ?>
  Reserved for calls in progress: <?cs uvar:Notice.held ?><?cs /if ?>
  Available:  <?cs uvar:Notice.available ?>
  Mileage:    <?cs uvar:Notice.mileage ?> points

A call through your cards is refused when less than <?cs uvar:Notice.min_credit ?>
is available. Top up your balance so your callers get through:
<?cs uvar:Site.BaseURL ?>/account

You get this notice once each time your available credit falls below
<?cs uvar:Notice.threshold ?>.
-- 
<?cs uvar:Site.Name ?>
