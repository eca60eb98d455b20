import RecKit

print("rec")
