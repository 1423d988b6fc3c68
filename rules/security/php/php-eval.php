<?php
// ruleid: php-eval
eval($_POST['code']);

function run($snippet) {
    // ruleid: php-eval
    $v = eval('return ' . $snippet . ';');
}

// ok: php-eval
eval('return 1 + 1;');

$tainted = $_GET['userinput'];
// ruleid: php-eval
assert($tainted);

// ok: php-eval
assert($tainted > 1);

// ok: php-eval
assert($handler instanceof Handler);

// ok: php-eval
assert('2 > 1');

// ruleid: php-eval
mb_ereg_replace($pattern, $replacement, $string, $_GET['opts']);

// ok: php-eval
mb_ereg_replace($pattern, $replacement, $string, "msr");

// ruleid: php-eval
$f = create_function('$a', 'return ' . $_GET['expr'] . ';');

// eval($_GET['in_a_comment']);
$s = "eval(\$_GET['in_a_string'])";
