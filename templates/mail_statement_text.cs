<?cs # mail_statement_text.cs: the text/plain part of a monthly statement.
       Plain text, never read as HTML: values are written raw with uvar:
       (they reach only the body part, never a header). ?>Hello <?cs uvar:Member.name ?>,

this is every movement of your <?cs uvar:Site.Name ?> balance in <?cs uvar:Statement.month ?> (times in UTC).

Opening balance: <?cs uvar:Statement.opening ?> (mileage <?cs uvar:Statement.mileage_opening ?> points)
<?cs each:e = Statement.Entries ?>
<?cs uvar:e.date ?>  <?cs uvar:e.what ?><?cs if:e.amount ?>  <?cs uvar:e.amount ?><?cs /if ?><?cs if:e.mileage ?>  mileage <?cs uvar:e.mileage ?><?cs /if ?>  balance <?cs uvar:e.balance ?><?cs /each ?>

Closing balance: <?cs uvar:Statement.closing ?> (mileage <?cs uvar:Statement.mileage_closing ?> points)
Credited <?cs uvar:Statement.credits ?>, charged <?cs uvar:Statement.debits ?>.

Your account: <?cs uvar:Site.BaseURL ?>/account
-- 
<?cs uvar:Site.Name ?>
