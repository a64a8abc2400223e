# The satisfaction question, once per attended consultation or course.
# Variables: $service (the service's name)
survey-question = How satisfied were you with “{ $service }”? Please choose from 1 (not at all) to 5 (very satisfied).
survey-thanks-comment = Thank you! If you like, write a short comment (what helped, what we could do better), or press “Skip”.
survey-skip = Skip
survey-thanks = Thank you for your answer.
survey-already = We already have your answer. Thank you!
survey-closed = Thank you! This question has closed, so your answer is no longer counted.
