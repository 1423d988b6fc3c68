<?php
$userinput = $_GET['userinput'];

// ruleid: php-command
system("ls $userinput");

$escaped = escapeshellarg($userinput);
// ok: php-command
system("ls $escaped");

// ruleid: php-command
$p = proc_open("ls $userinput", $descriptors, $pipes);

// ok: php-command
$p = proc_open(["ls", $userinput], $descriptors, $pipes);

// ok: php-command
exec('whoami');

function convert($file) {
    // ruleid: php-command
    exec('convert ' . $file . ' out.png', $out, $rc);
}

// ruleid: php-command
echo `ping -n 3 {$user_input}`;

// ok: php-command
echo `uptime`;

$jobName = $_REQUEST['jobName'];
$cmd = sprintf("rsync -r %s >/dev/null", $jobName);
// ruleid: php-command
system($cmd);

// ok: php-command
$size = trim(shell_exec('stat -c %s ' . escapeshellarg($_POST['path'])));

// ruleid: php-command
passthru('git log ' . $argv[1]);
