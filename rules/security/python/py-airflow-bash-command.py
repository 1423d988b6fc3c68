import os
import shlex

import requests
from airflow.operators.bash import BashOperator

message = requests.get("https://example.test/message").text

# ruleid: py-airflow-bash-command
t1 = BashOperator(task_id="echo", bash_command="echo " + message)

howlong = requests.get("https://example.test/howlong").text
command = "sleep {}".format(howlong)
# ruleid: py-airflow-bash-command
t2 = BashOperator(task_id="sleep", bash_command=command)

# ruleid: py-airflow-bash-command
t3 = BashOperator(task_id="env", bash_command=f"deploy {os.environ['TARGET']}")

# ok: py-airflow-bash-command
t4 = BashOperator(task_id="date", bash_command="date")

# ok: py-airflow-bash-command
t5 = BashOperator(task_id="templated", bash_command="echo {{ params.name }}", params={"name": "x"})

# ok: py-airflow-bash-command
t6 = BashOperator(task_id="quoted", bash_command="echo " + shlex.quote(message))

# ok: py-airflow-bash-command
t7 = BashOperator(task_id="env", bash_command='echo "$MESSAGE"', env={"MESSAGE": message})
